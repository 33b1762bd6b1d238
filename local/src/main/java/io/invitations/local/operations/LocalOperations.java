package io.invitations.local.operations;

import io.invitations.aws.EmfMetrics;
import io.invitations.aws.Operations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;

/**
 * What operations would see of the deployed stack, kept in the data directory: the functions' JSON log lines
 * ({@value LocalLogs#FILE}), their embedded-format metric lines ({@value #METRICS_FILE}) and the completion
 * events ({@value #EVENTS_FILE}). Without a data directory (state in memory), nothing is kept.
 */
public final class LocalOperations {
    public static final String METRICS_FILE = "logs/metrics.log";
    public static final String EVENTS_FILE = "events.jsonl";
    public static final String STACK = "invitations-local";

    private final Operations operations;
    private final LocalCompletionEvents events;

    private LocalOperations(Operations operations, LocalCompletionEvents events) {
        this.operations = operations;
        this.events = events;
    }

    public static LocalOperations open(Path dataDir, String region, Clock clock) throws IOException {
        LocalLogs.configure(dataDir, false, Level.INFO);
        if (dataDir == null) {
            return new LocalOperations(Operations.none(), null);
        }
        Files.createDirectories(dataDir.resolve(METRICS_FILE).getParent());
        LocalCompletionEvents events = new LocalCompletionEvents(dataDir.resolve(EVENTS_FILE), region, clock);
        EmfMetrics metrics = new EmfMetrics(new FileEnvironment(dataDir.resolve(METRICS_FILE)),
                Operations.DEFAULT_NAMESPACE, STACK);
        return new LocalOperations(new Operations(metrics, () -> events), events);
    }

    public Operations operations() {
        return operations;
    }

    /** Calls {@code listener} with each completion event as it is recorded (never, without a data directory). */
    public void onCompletion(Consumer<String> listener) {
        if (events != null) {
            events.listen(listener);
        }
    }
}
