package io.invitations.local.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.local.runtime.LocalFunctions;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.local.runtime.SqsEventSource;
import io.invitations.pipeline.BatchSplitter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Each function's cold start, from the deployment package the build made for it: a fresh JVM with the
 * function's jar (plus this runner), from JVM start to the end of its first event, against the embedded
 * servers. Three configurations: the SDK's defaults (Apache HTTP client, no priming), as deployed (URL-connection
 * client), and as deployed with SnapStart priming (its init and priming happen before the snapshot; what a
 * restored container still pays is the first event).
 */
public final class ColdStarts {
    /** One function in one configuration. */
    public record Measurement(String function, HandlerProcess.Mode mode, long initMs, long primingMs,
                              long firstEventMs, long totalMs) {
    }

    private ColdStarts() {
    }

    public static List<Measurement> measure(Path repository, Consumer<String> log) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        try (WorkDirectory directory = WorkDirectory.create("invitations-cold-starts");
             LocalPipeline pipeline = LocalPipeline.start(null, StackSettings.template())) {
            Path work = directory.path();
            Path csv = work.resolve("cold.csv");
            StringBuilder rows = new StringBuilder(BenchInput.HEADER).append('\n');
            for (int i = 1; i <= 20; i++) {
                rows.append(BenchInput.row(i)).append('\n');
            }
            Files.writeString(csv, rows);
            for (HandlerProcess.Mode mode : HandlerProcess.Mode.values()) {
                log.accept("cold starts: " + mode.name().toLowerCase() + "...");
                Map<LocalFunctions, Path> events = new EnumMap<>(LocalFunctions.class);
                // The same file in every mode: each one a batch of its own, not a repeat of the first.
                Map<String, String> metadata = new TreeMap<>(BatchOptions.defaults(BatchKind.CREATE).toMetadata());
                metadata.put(BatchSplitter.NEW_BATCH, "true");
                S3Event upload = pipeline.upload(BatchKind.CREATE.incomingPrefix() + "cold-" + mode.name().toLowerCase()
                        + ".csv", csv, metadata);
                events.put(LocalFunctions.SPLITTER, write(work, "splitter", LocalFunctions.eventJson(upload)));
                measurements.add(run(repository, LocalFunctions.SPLITTER, events, mode, pipeline));
                String chunks = pipeline.resources().config().chunkQueueUrl();
                events.put(LocalFunctions.WORKER, sqsEvent(pipeline, chunks, work, "worker"));
                measurements.add(run(repository, LocalFunctions.WORKER, events, mode, pipeline));
                events.put(LocalFunctions.DEAD_LETTER, events.get(LocalFunctions.WORKER));
                measurements.add(run(repository, LocalFunctions.DEAD_LETTER, events, mode, pipeline));
                String completions = pipeline.resources().config().completionQueueUrl();
                events.put(LocalFunctions.AGGREGATOR, sqsEvent(pipeline, completions, work, "aggregator"));
                measurements.add(run(repository, LocalFunctions.AGGREGATOR, events, mode, pipeline));
                events.put(LocalFunctions.SWEEPER, repository.resolve("events/scheduled-sweep.json"));
                measurements.add(run(repository, LocalFunctions.SWEEPER, events, mode, pipeline));
            }
        }
        return measurements;
    }

    private static Measurement run(Path repository, LocalFunctions function, Map<LocalFunctions, Path> events,
                                   HandlerProcess.Mode mode, LocalPipeline pipeline) throws Exception {
        HandlerRun run = HandlerRun.start(classpath(repository, function, mode), 0, function.functionName(),
                events.get(function), mode, pipeline, Latency.NONE);
        return new Measurement(function.functionName(), mode, run.millis("init_ms"), run.millis("priming_ms"),
                run.millis("first_event_ms"), run.millis("jvm_start_to_response_ms"));
    }

    /** Receives what is in a queue (and deletes it: each configuration starts from an empty queue). */
    private static Path sqsEvent(LocalPipeline pipeline, String queueUrl, Path work, String name) throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && messages.isEmpty(); attempt++) {
            messages.addAll(pipeline.clients().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("All")).messages());
        }
        if (messages.isEmpty()) {
            throw new IllegalStateException("nothing arrived in " + queueUrl);
        }
        for (Message message : messages) {
            pipeline.clients().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return write(work, name, LocalFunctions.eventJson(SqsEventSource.eventFor(messages,
                SqsEventSource.queueArn(queueUrl))));
    }

    private static Path write(Path work, String name, String json) throws Exception {
        return Files.writeString(Files.createTempFile(work, name, ".json"), json);
    }

    /** The function's own package, this runner, the event serializer; for PLAIN, also the SDK's default client. */
    private static String classpath(Path repository, LocalFunctions function, HandlerProcess.Mode mode)
            throws Exception {
        List<String> entries = new ArrayList<>(List.of(packageOf(repository, function.module()).toString(),
                locationOf(HandlerProcess.class),
                locationOf(com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.class)));
        if (mode == HandlerProcess.Mode.PLAIN) {
            for (String type : List.of("software.amazon.awssdk.http.apache5.Apache5HttpClient",
                    "org.apache.hc.client5.http.impl.classic.HttpClients", "org.apache.hc.core5.http.HttpHost",
                    "org.apache.hc.core5.http2.HttpVersionPolicy")) {
                entries.add(locationOf(Class.forName(type)));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String locationOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Sizes of the functions' packages, in bytes. */
    public static Map<String, Long> packageSizes(Path repository) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (LocalFunctions function : LocalFunctions.values()) {
            sizes.putIfAbsent(function.module(), Files.size(packageOf(repository, function.module())));
        }
        return sizes;
    }

    /** The deployment package the build makes for a module under functions/. */
    public static Path packageOf(Path repository, String module) {
        return repository.resolve("functions/" + module + "/target/" + module + "-1.0.0-SNAPSHOT-lambda.jar");
    }
}
