package io.invitations.local.operations;

import io.invitations.aws.CompletionEvent;
import io.invitations.observe.BatchFinished;
import io.invitations.observe.PipelineObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The completion events the stack would publish on EventBridge, as a rule's target would receive them: one JSON
 * line each in a file of the data directory, and to whoever listens ({@code serve} prints them).
 */
public final class LocalCompletionEvents implements PipelineObserver {
    private static final String ACCOUNT = "000000000000";

    private final Path file;
    private final String region;
    private final Clock clock;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    LocalCompletionEvents(Path file, String region, Clock clock) {
        this.file = file;
        this.region = region;
        this.clock = clock;
    }

    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void batchFinished(BatchFinished batch) {
        String event = CompletionEvent.envelope(batch, UUID.randomUUID().toString(), ACCOUNT, region, clock.instant());
        try {
            Files.writeString(file, event + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listeners.forEach(listener -> listener.accept(event));
    }
}
