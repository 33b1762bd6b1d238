package io.invitations.local.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.local.runtime.LocalFunctions;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalSettings;
import io.invitations.local.runtime.SqsEventSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Path work = Files.createTempDirectory("invitations-cold-starts");
        List<Measurement> measurements = new ArrayList<>();
        try (LocalPipeline pipeline = LocalPipeline.start(null, LocalSettings.template())) {
            Map<String, String> environment = new HashMap<>(pipeline.resources().config().toEnvironment());
            environment.put(HandlerProcess.ENDPOINTS, pipeline.endpoints().s3() + "," + pipeline.endpoints().dynamo()
                    + "," + pipeline.endpoints().sqs());
            Path csv = work.resolve("cold.csv");
            StringBuilder rows = new StringBuilder(BenchInput.HEADER).append('\n');
            for (int i = 1; i <= 20; i++) {
                rows.append(BenchInput.row(i)).append('\n');
            }
            Files.writeString(csv, rows);
            for (HandlerProcess.Mode mode : HandlerProcess.Mode.values()) {
                log.accept("cold starts: " + mode.name().toLowerCase() + "...");
                Map<LocalFunctions, Path> events = new EnumMap<>(LocalFunctions.class);
                S3Event upload = pipeline.upload(BatchKind.CREATE.incomingPrefix() + "cold-" + mode.name().toLowerCase()
                        + ".csv", csv, BatchOptions.defaults(BatchKind.CREATE).toMetadata());
                events.put(LocalFunctions.SPLITTER, write(work, "splitter", LocalFunctions.eventJson(upload)));
                measurements.add(run(repository, LocalFunctions.SPLITTER, events, mode, environment));
                String chunks = pipeline.resources().config().chunkQueueUrl();
                events.put(LocalFunctions.WORKER, sqsEvent(pipeline, chunks, work, "worker"));
                measurements.add(run(repository, LocalFunctions.WORKER, events, mode, environment));
                events.put(LocalFunctions.DEAD_LETTER, events.get(LocalFunctions.WORKER));
                measurements.add(run(repository, LocalFunctions.DEAD_LETTER, events, mode, environment));
                String completions = pipeline.resources().config().completionQueueUrl();
                events.put(LocalFunctions.AGGREGATOR, sqsEvent(pipeline, completions, work, "aggregator"));
                measurements.add(run(repository, LocalFunctions.AGGREGATOR, events, mode, environment));
                events.put(LocalFunctions.SWEEPER, repository.resolve("events/scheduled-sweep.json"));
                measurements.add(run(repository, LocalFunctions.SWEEPER, events, mode, environment));
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return measurements;
    }

    private static Measurement run(Path repository, LocalFunctions function, Map<LocalFunctions, Path> events,
                                   HandlerProcess.Mode mode, Map<String, String> environment) throws Exception {
        HandlerRun run = HandlerRun.start(classpath(repository, function, mode), 0, function.functionName(),
                events.get(function), mode, environment);
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
        String module = switch (function) {
            case SPLITTER -> "splitter";
            case WORKER, DEAD_LETTER -> "worker";
            case AGGREGATOR, SWEEPER -> "aggregator";
        };
        List<String> entries = new ArrayList<>(List.of(
                repository.resolve("functions/" + module + "/target/" + module + "-1.0.0-SNAPSHOT-lambda.jar").toString(),
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
        for (String module : List.of("splitter", "worker", "aggregator")) {
            sizes.put(module, Files.size(repository.resolve("functions/" + module + "/target/" + module
                    + "-1.0.0-SNAPSHOT-lambda.jar")));
        }
        return sizes;
    }
}
