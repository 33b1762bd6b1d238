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
import io.invitations.pipeline.BatchTypes;
import io.invitations.pipeline.ChunkProcessor;
import io.invitations.pipeline.Chunker;
import io.invitations.pipeline.InvitationAcceptance;
import io.invitations.pipeline.ResultsAggregator;
import io.invitations.pipeline.Revocation;
import io.invitations.pipeline.UnrecordedChunks;
import io.invitations.store.BatchStore;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import io.invitations.store.ObjectStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real domain services of every function, wired as the deployed stack wires them, over the in-memory stores
 * and queues, on a manual clock, in one thread: the template's settings (worker batches of 10 and a 60 s timeout,
 * the work queue's 360 s visibility and 5 receives, the completion queue's 1800 s; TemplateSettingsTest holds
 * them to template.yaml), with the functions run when a test says so.
 */
public final class InMemoryPipeline {
    public static final String BUCKET = "invitations-test";
    public static final Duration CHUNK_VISIBILITY = Duration.ofSeconds(360);
    public static final Duration COMPLETION_VISIBILITY = Duration.ofSeconds(1800);
    public static final Duration STALLED_AFTER = Duration.ofMinutes(60);
    public static final Duration REPEAT_WINDOW = Duration.ofDays(7);
    public static final int MAX_RECEIVES = 5;
    public static final int WORKER_BATCH = 10;
    /** The worker function's timeout: the simulator kills an invocation that runs past it. */
    public static final Duration WORKER_TIMEOUT = Duration.ofSeconds(60);
    /** The template's DeadLetterEventSource BatchSize: the most dead letters one invocation takes. */
    public static final int DEAD_LETTER_BATCH = 10;

    public final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    public final InMemoryObjectStore objects = new InMemoryObjectStore();
    public final InMemoryBatchStore batches = new InMemoryBatchStore(clock);
    public final InMemoryInvitations invitations = new InMemoryInvitations();
    public final InMemoryChunkQueue chunks = new InMemoryChunkQueue(
            new InMemoryQueue(clock, CHUNK_VISIBILITY, MAX_RECEIVES, false));
    public final InMemoryCompletionQueue completions = new InMemoryCompletionQueue(
            new InMemoryQueue(clock, COMPLETION_VISIBILITY, MAX_RECEIVES, true));
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
        BatchStore batchStore = ports.around(BatchStore.class, batches);
        InvitationStore invitationStore = ports.around(InvitationStore.class, invitations);
        DeviceRegistry registry = ports.around(DeviceRegistry.class, invitations);
        ObjectStore objectStore = ports.around(ObjectStore.class, objects);
        ChunkQueue chunkQueue = ports.around(ChunkQueue.class, chunks);
        completion = new BatchCompletion(batchStore, ports.around(CompletionQueue.class, completions), clock);
        limits = BatchSplitter.ChunkLimits.withRowsPerChunk(rowsPerChunk);
        SecureRandom random;
        try {
            // Seeded before first use, SHA1PRNG repeats its output: the same seed, the same tokens.
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        random.setSeed(seed);
        splitter = new BatchSplitter(objectStore, batchStore, invitationStore, chunkQueue, completion,
                new Tokens(random), clock, limits, REPEAT_WINDOW);
        BatchTypes types = new BatchTypes(batchStore, invitationStore, new InvitationAcceptance(invitationStore,
                registry, clock), new Revocation(invitationStore, registry, clock));
        processor = new ChunkProcessor(batchStore, types, completion, observed, clock);
        aggregator = new ResultsAggregator(batchStore, types, objectStore, observed, completion, clock);
        UnrecordedChunks unrecorded = new UnrecordedChunks(batchStore, new Chunker(objectStore, limits));
        sweeper = new BatchSweeper(batchStore, unrecorded, processor, completion, observed, clock, STALLED_AFTER);
        resumption = new BatchResumption(batchStore, unrecorded, chunkQueue, completion, clock,
                limits.chunksPerSend());
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

    /** One aggregator invocation (batch size 1); returns how many notices it took. */
    public int runAggregator() {
        List<InMemoryQueue.Delivery> notices = completions.queue().receive(1);
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
            ResultKeys keys = ResultKeys.of(batch.kind(), upload.key(), batch.startedAt());
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
