package io.invitations.local.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoInvitationStore;
import io.invitations.aws.PipelineConfig;
import io.invitations.batch.AcceptOptions;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchRecord;
import io.invitations.local.client.BatchClient;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalFunctions;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.local.runtime.S3Notifications;
import io.invitations.local.runtime.SqsEventSource;
import io.invitations.observe.ChunkRecorded;
import io.invitations.observe.PipelineObserver;
import io.invitations.overlap.Overlap;
import io.invitations.splitter.SplitterHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark run on fresh embedded servers (in memory, or on a fresh data directory): the write ceiling
 * first, then one batch of generated rows through the real handlers (the splitter in its own JVM with a capped
 * heap, as a Lambda container; the workers and the aggregator on the local event sources), every SDK request
 * counted and, with a {@link Latency}, delayed as AWS's round trips would delay it. An accept or revoke batch takes
 * the results of a create batch of as many rows, run first without the latency.
 */
public final class Benchmark {
    /** The template's MemorySize (Globals), which Lambda bills GB-seconds by. */
    static final int FUNCTION_MEMORY_MB = 1024;

    /**
     * What the benchmark is asked to do; {@code onDisk}: the servers keep their state in a data directory, as the
     * commands' default does, instead of in memory.
     */
    public record Settings(long rows, int rowsPerChunk, int concurrency, int splitterHeapMb, boolean onDisk,
                           boolean externalIds, BatchKind kind, Latency latency) {
    }

    /** The median and the worst of some durations, in milliseconds. */
    public record Spread(long median, long max) {
        static Spread of(List<Long> millis) {
            if (millis.isEmpty()) {
                return new Spread(0, 0);
            }
            List<Long> sorted = millis.stream().sorted().toList();
            return new Spread(sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        }
    }

    /**
     * Where the pipeline's time went, each in seconds from the upload: the batch registered (the splitter's JVM
     * started and its first pass read the file), the workers first invoked, the last rows counted, and the results
     * written.
     */
    public record Phases(double registered, double workersStarted, double allCounted, double finished) {
        static Phases of(Instant uploaded, BatchRecord batch, Instant workersStarted) {
            return new Phases(since(uploaded, batch.times().started()), since(uploaded, workersStarted),
                    since(uploaded, batch.times().completed()), since(uploaded, batch.times().finished()));
        }

        private static double since(Instant uploaded, Instant at) {
            return Duration.between(uploaded, at).toMillis() / 1000.0;
        }
    }

    /** Everything measured. */
    public record Result(Settings settings, double seconds, double ceilingRowsPerSecond, ApiCounts counts,
                         ApiCounts ceilingCounts, long succeededRows, long workerInvocations,
                         long aggregatorInvocations, double splitterSeconds, double workerSeconds,
                         double aggregatorSeconds, double splitterPeakHeapMb, Phases phases, Spread chunkMillis,
                         Spread invocationMillis, long timeoutMillis) {
        public double rowsPerSecond() {
            return settings.rows() / seconds;
        }

        /** The rate while the workers count: from their first invocation to the last rows counted. */
        public double countingRowsPerSecond() {
            return settings.rows() / (phases.allCounted() - phases.workersStarted());
        }

        /** The splitter runs once (its JVM exits non-zero otherwise), then the event sources' invocations. */
        public long lambdaInvocations() {
            return 1 + workerInvocations + aggregatorInvocations;
        }

        public double handlerSeconds() {
            return splitterSeconds + workerSeconds + aggregatorSeconds;
        }

        /** The write units of the items a successful row must store, as counted in the ceiling run. */
        public double floorWriteUnitsPerRow() {
            return ceilingCounts.writeUnits() / settings.rows();
        }
    }

    private Benchmark() {
    }

    public static Result run(Settings settings, Consumer<String> log) throws Exception {
        try (WorkDirectory work = WorkDirectory.create("invitations-bench")) {
            return run(settings, work.path(), log);
        }
    }

    private static Result run(Settings settings, Path work, Consumer<String> log) throws Exception {
        Path csv = work.resolve("bench-" + settings.rows() + ".csv");
        BenchInput.write(csv, settings.rows(), settings.externalIds());
        log.accept(String.format("input: %,d rows, %,d bytes", settings.rows(), Files.size(csv)));
        RequestCounter counter = new RequestCounter();
        Latency.Delay delay = settings.latency().delay();
        ChunkTimes chunkTimes = new ChunkTimes();
        StackSettings local = StackSettings.template().withWorkerConcurrency(settings.concurrency())
                .withRowsPerChunk(settings.rowsPerChunk());
        Path dataDir = settings.onDisk() ? work.resolve("state") : null;
        try (LocalPipeline pipeline = LocalPipeline.start(dataDir, local, Clock.systemUTC(),
                new Interceptors(counter, delay), chunkTimes)) {
            PipelineConfig config = pipeline.resources().config();

            RequestCounter ceilingCounter = new RequestCounter();
            AwsClients direct = LocalClients.forEndpoints(pipeline.endpoints(),
                    new Interceptors(ceilingCounter, settings.latency().delay()), AwsClients.Http.URL_CONNECTION);
            log.accept("ceiling: writing the same items straight to DynamoDB (latency " + settings.latency() + ")...");
            // Each writer overlaps its chunk's batch writes, as a worker does.
            double ceiling = WriteCeiling.measure(new DynamoInvitationStore(direct.dynamo(), config.invitationsTable(),
                    config.registryTable(), Overlap.threads(Overlap.CALLS_IN_FLIGHT)), settings.rows(),
                    settings.rowsPerChunk(), settings.concurrency());
            log.accept(String.format("ceiling: %,.0f rows/s", ceiling));

            pipeline.startEventSources();
            Path input = settings.kind() == BatchKind.CREATE ? csv : created(pipeline, csv, work, delay, log);
            ApiCounts before = counter.counts();
            List<Long> invocationsBefore = pipeline.workerSource().invocationMillis();
            chunkTimes.clear();
            long started = System.nanoTime();
            Instant uploaded = Instant.now();
            S3Event event = pipeline.upload(settings.kind().incomingPrefix() + "bench-" + settings.rows() + ".csv",
                    input, optionsFor(settings.kind()));
            Path eventFile = work.resolve("s3-event.json");
            Files.writeString(eventFile, LocalFunctions.eventJson(event));
            log.accept("pipeline: " + settings.kind().name().toLowerCase() + ", splitter in its own JVM (-Xmx"
                    + settings.splitterHeapMb() + "m), " + settings.concurrency() + " workers, latency "
                    + settings.latency() + "...");
            HandlerRun splitter = HandlerRun.start(System.getProperty("java.class.path"), settings.splitterHeapMb(),
                    "splitter", eventFile, HandlerProcess.Mode.TUNED, pipeline, settings.latency());
            BatchRecord batch = new BatchClient(pipeline.clients().s3(), pipeline.resources().bucket(),
                    pipeline.pipeline().batches(), null, Duration.ofMinutes(10))
                    .await(SplitterHandler.sourceOf(event.getRecords().get(0)).batchId(), (done, total, failed) -> { });
            double seconds = (System.nanoTime() - started) / 1e9;
            ApiCounts counts = counter.counts().minus(before).plus(splitter.counts());
            SqsEventSource workers = pipeline.workerSource();
            SqsEventSource aggregator = pipeline.aggregatorSource();
            List<Long> invocations = workers.invocationMillis();
            return new Result(settings, seconds, ceiling, counts, ceilingCounter.counts(), batch.counts().succeeded(),
                    workers.invocations() - invocationsBefore.size(), aggregator.invocations(),
                    splitter.millis("first_event_ms") / 1000.0, workers.handlerMillis() / 1000.0,
                    aggregator.handlerMillis() / 1000.0, splitter.peakHeapMb(),
                    Phases.of(uploaded, batch, workers.firstInvoked().orElseThrow()), Spread.of(chunkTimes.millis()),
                    Spread.of(invocations.subList(invocationsBefore.size(), invocations.size())),
                    local.workerTimeoutSeconds() * 1000L);
        }
    }

    /**
     * The set-up of an accept or revoke run: a create batch of the generated rows, without the latency; its
     * results file (every row's token and encoded invitation) is the measured batch's input.
     */
    private static Path created(LocalPipeline pipeline, Path csv, Path work, Latency.Delay delay,
                                Consumer<String> log) throws Exception {
        log.accept("set-up: creating the invitations to accept or revoke (no latency)...");
        delay.pause(true);
        try {
            Path results = work.resolve("created-results.csv");
            BatchClient client = new BatchClient(pipeline.clients().s3(), pipeline.resources().bucket(),
                    pipeline.pipeline().batches(), upload -> pipeline.deliver(S3Notifications.objectCreated(upload)),
                    Duration.ofMinutes(10));
            // With the Encoded Data column, which an accept reads (a revoke reads the Token column).
            client.run(BatchKind.CREATE, csv, BatchOptions.fromMetadata(BatchKind.CREATE,
                    Map.of(BatchOptions.INCLUDE_ENCODED, "true")), false, results, (done, total, failed) -> { });
            return results;
        } finally {
            delay.pause(false);
        }
    }

    /** Each kind's options: an accept binds every invitation to one device, under a profile prefix. */
    private static Map<String, String> optionsFor(BatchKind kind) {
        Map<String, String> metadata = kind == BatchKind.ACCEPT
                ? Map.of(AcceptOptions.DEVICE_ID, "bench-device", AcceptOptions.NAME_PREFIX, "Bench") : Map.of();
        return BatchOptions.fromMetadata(kind, metadata).toMetadata();
    }

    /** The time each chunk of the measured batch took, from reading its batch to counting its results. */
    private static final class ChunkTimes implements PipelineObserver {
        private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void chunkRecorded(ChunkRecorded chunk) {
            if (chunk.how() == ChunkRecorded.How.PROCESSED) {
                millis.add(chunk.took().toMillis());
            }
        }

        void clear() {
            millis.clear();
        }

        List<Long> millis() {
            synchronized (millis) {
                return List.copyOf(millis);
            }
        }
    }
}
