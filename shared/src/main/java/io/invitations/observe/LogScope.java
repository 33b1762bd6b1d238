package io.invitations.observe;

import io.invitations.batch.BatchKind;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The keys every log line about a batch carries ({@code batch_id}, {@code kind}, {@code chunk_index}), set for
 * the lines logged while the scope is open and removed when it closes. The JSON layout writes them as fields.
 */
public final class LogScope implements AutoCloseable {
    public static final String BATCH_ID = "batch_id";
    public static final String KIND = "kind";
    public static final String CHUNK_INDEX = "chunk_index";

    private final List<MDC.MDCCloseable> keys = new ArrayList<>();

    private LogScope() {
    }

    public static LogScope batch(String batchId) {
        return new LogScope().with(BATCH_ID, batchId);
    }

    public LogScope kind(BatchKind kind) {
        return with(KIND, kind.name().toLowerCase());
    }

    public LogScope chunk(int chunkIndex) {
        return with(CHUNK_INDEX, String.valueOf(chunkIndex));
    }

    private LogScope with(String key, String value) {
        keys.add(MDC.putCloseable(key, value));
        return this;
    }

    @Override
    public void close() {
        keys.forEach(MDC.MDCCloseable::close);
    }
}
