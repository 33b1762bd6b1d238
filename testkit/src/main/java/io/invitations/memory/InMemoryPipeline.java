package io.invitations.memory;

import io.invitations.aws.ChunkMessageBody;
import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.batch.SourceObject;
import io.invitations.invitation.Tokens;
import io.invitations.pipeline.BatchCompletion;
import io.invitations.pipeline.BatchResumption;
import io.invitations.pipeline.BatchSplitter;
import io.invitations.pipeline.BatchSweeper;
import io.invitations.overlap.Overlap;
import io.invitations.pipeline.ChunkProcessor;
import io.invitations.pipeline.PipelineServices;
import io.invitations.pipeline.ResultsAggregator;
import io.invitations.store.BatchStore;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import io.invitations.store.ObjectStore;
import io.invitations.stack.StackSettings;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real domain services of every function, wired as the deployed stack wires them ({@link PipelineServices}),
 * over the in-memory stores and queues, on a manual clock, in one thread, with the functions run when a test says
 * so. Its queues, batch sizes and timeouts are template.yaml's, read from it ({@link StackSettings}).
 */
public final class InMemoryPipeline {
    public static final String BUCKET = "invitations-test";
    /** The deployed settings: read from the template this build packaged. */
    public static final StackSettings SETTINGS = StackSettings.template();
    public static final Duration CHUNK_VISIBILITY = Duration.ofSeconds(SETTINGS.chunkVisibilityTimeoutSeconds());
    public static final Duration COMPLETION_VISIBILITY =
            Duration.ofSeconds(SETTINGS.completionVisibilityTimeoutSeconds());
    public static final Duration STALLED_AFTER = Duration.ofMinutes(SETTINGS.stalledAfterMinutes());
    public static final Duration REPEAT_WINDOW = Duration.ofDays(SETTINGS.repeatWindowDays());
    public static final int MAX_RECEIVES = SETTINGS.chunkMaxReceiveCount();
    public static final int COMPLETION_MAX_RECEIVES = SETTINGS.completionMaxReceiveCount();
    public static final int WORKER_BATCH = SETTINGS.workerBatchSize();
    public static final int AGGREGATOR_BATCH = SETTINGS.aggregatorBatchSize();
    /** The worker function's timeout: the simulator kills an invocation that runs past it. */
    public static final Duration WORKER_TIMEOUT = Duration.ofSeconds(SETTINGS.workerTimeoutSeconds());
    /** The dead-letter function's batch size: the most dead letters one invocation takes. */
    public static final int DEAD_LETTER_BATCH = SETTINGS.deadLetterBatchSize();

    public final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    public final InMemoryObjectStore objects = new InMemoryObjectStore();
    public final InMemoryBatchStore batches = new InMemoryBatchStore(clock);
    public final InMemoryInvitations invitations = new InMemoryInvitations();
    public final InMemoryChunkQueue chunks = new InMemoryChunkQueue(
            new InMemoryQueue(clock, CHUNK_VISIBILITY, MAX_RECEIVES, false));
    public final InMemoryCompletionQueue completions = new InMemoryCompletionQueue(
            new InMemoryQueue(clock, COMPLETION_VISIBILITY, COMPLETION_MAX_RECEIVES, true));
    public final PipelineServices services;
    public final BatchCompletion completion;
    public final RecordingObserver observed = new RecordingObserver();
    public final BatchSplitter.ChunkLimits limits;
    public final BatchSplitter splitter;
    public final ChunkProcessor processor;
    public final ResultsAggregator aggregator;
    public final BatchSweeper sweeper;
    public final BatchResumption resumption;

    /** With the given rows per chunk (the template's default is 250) and a seeded token source. */
    public InMemoryPipeline(int rowsPerChunk, long seed) {
        this(rowsPerChunk, seed, PortDecorator.NONE);
    }

    /** As {@link #InMemoryPipeline(int, long)}, the services reaching every store and queue through {@code ports}. */
    public InMemoryPipeline(int rowsPerChunk, long seed, PortDecorator ports) {
        this(rowsPerChunk, seed, ports, Overlap.SEQUENTIAL);
    }

    /**
     * As {@link #InMemoryPipeline(int, long, PortDecorator)}, a chunk's independent calls overlapping as
     * {@code overlap} says (the simulator: one by one, in an order the seed picks).
     */
    public InMemoryPipeline(int rowsPerChunk, long seed, PortDecorator ports, Overlap overlap) {
        limits = BatchSplitter.ChunkLimits.withRowsPerChunk(rowsPerChunk);
        ObjectStore objectStore = ports.around(ObjectStore.class, objects);
        services = new PipelineServices(new PipelineServices.Ports(ports.around(BatchStore.class, batches),
                ports.around(InvitationStore.class, invitations), ports.around(DeviceRegistry.class, invitations),
                () -> objectStore, ports.around(ChunkQueue.class, chunks),
                ports.around(CompletionQueue.class, completions)),
                new PipelineServices.Settings(limits, REPEAT_WINDOW, STALLED_AFTER),
                new PipelineServices.Observers(observed, () -> observed), new Tokens(seededRandom(seed)), clock,
                overlap);
        completion = services.completion();
        splitter = services.splitter();
        processor = services.chunkProcessor();
        aggregator = services.aggregator();
        sweeper = services.sweeper();
        resumption = services.resumption();
    }

    /** Seeded before first use, SHA1PRNG repeats its output: the same seed, the same tokens. */
    private static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public InMemoryPipeline() {
        this(100, 42);
    }

    /** Uploads a file under {@code key} (e.g. {@code incoming/create/a.csv}); returns the upload. */
    public SourceObject upload(String key, String content, Map<String, String> metadata) {
        return objects.put(BUCKET, key, content, metadata);
    }

    /** The S3 event for an upload reaching the splitter, as the splitter handler passes it on. */
    public BatchSplitter.Outcome split(SourceObject upload) {
        return splitter.split(BatchKind.forKey(upload.key()).orElseThrow(), upload);
    }

    /**
     * One worker invocation: up to 10 visible chunk messages, each processed; the ones that succeed are deleted
     * (the partial batch response), the others come back after the visibility timeout. Returns how many it took.
     */
    public int runWorker() {
        List<InMemoryQueue.Delivery> batch = chunks.queue().receive(WORKER_BATCH);
        for (InMemoryQueue.Delivery delivery : batch) {
            try {
                processor.process(ChunkMessageBody.decode(delivery.body()));
                chunks.queue().delete(delivery);
            } catch (RuntimeException e) {
                // reported in batchItemFailures: redelivered after the visibility timeout
            }
        }
        return batch.size();
    }

    /** The dead-letter function over every message the work queue moved to its DLQ, a batch at a time. */
    public int runDeadLetters() {
        int taken = 0;
        for (List<String> bodies = chunks.queue().takeDeadLetters(DEAD_LETTER_BATCH); !bodies.isEmpty();
                bodies = chunks.queue().takeDeadLetters(DEAD_LETTER_BATCH)) {
            bodies.forEach(body -> processor.deadLettered(ChunkMessageBody.decode(body), String.valueOf(MAX_RECEIVES)));
            taken += bodies.size();
        }
        return taken;
    }

    /** One aggregator invocation; returns how many notices it took. */
    public int runAggregator() {
        List<InMemoryQueue.Delivery> notices = completions.queue().receive(AGGREGATOR_BATCH);
        for (InMemoryQueue.Delivery notice : notices) {
            try {
                aggregator.aggregate(notice.body());
                completions.queue().delete(notice);
            } catch (RuntimeException e) {
                // retried after the visibility timeout
            }
        }
        return notices.size();
    }

    /**
     * Runs workers, dead letters and the aggregator until nothing is left to do, letting time pass for messages
     * to come back while any are in flight (at most {@code maxHours} of simulated time).
     */
    public void settle(int maxHours) {
        Instant deadline = clock.instant().plus(Duration.ofHours(maxHours));
        while (clock.instant().isBefore(deadline)) {
            int work = runWorker() + runDeadLetters() + runAggregator();
            if (work == 0) {
                if (chunks.queue().depth() == 0 && completions.queue().depth() == 0) {
                    return;
                }
                clock.advance(Duration.ofSeconds(30));
            }
        }
    }

    public void settle() {
        settle(24);
    }

    /** What a finished batch left: its record, summary and results CSV (absent when it failed as a whole). */
    public record Finished(BatchRecord batch, BatchSummary summary, Optional<String> results) {
    }

    /** The outputs of the batch started by {@code upload}, if it finished. */
    public Optional<Finished> finished(SourceObject upload) {
        return batches.find(upload.batchId()).filter(BatchRecord::isFinished).map(batch -> {
            ResultKeys keys = ResultKeys.of(batch.kind(), upload.key(), batch.times().started());
            return new Finished(batch, SummaryJson.read(objects.read(BUCKET, keys.summary()).orElseThrow()),
                    objects.read(BUCKET, keys.results()));
        });
    }

    /** Uploads, splits, settles: the whole life of a batch without faults. */
    public Finished run(String key, String content, Map<String, String> metadata) {
        SourceObject upload = upload(key, content, metadata);
        split(upload);
        settle();
        return finished(upload).orElseThrow(() -> new IllegalStateException("the batch of " + key + " did not finish"));
    }

    public Finished run(String key, String content) {
        return run(key, content, Map.of());
    }
}
