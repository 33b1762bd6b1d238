package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.RowResult;
import io.invitations.observe.ChunkRecorded;
import io.invitations.observe.LogScope;
import io.invitations.observe.PipelineObserver;
import io.invitations.store.BatchStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's job for one chunk: its batch's type processes each row, then every row's result is recorded and
 * counted in one atomic step. Bad rows are results, not exceptions; only a storage failure throws, and then the
 * chunk is retried whole: created invitations are deterministic, and a retry writes only those missing (see
 * {@link KindBehaviour#process}); accepts and revocations are idempotent. Each attempt first notes that the chunk is under
 * way; a chunk of a cancelled batch that no attempt had started is recorded with every row Cancelled, nothing
 * written (and an attempt that read the batch before the cancel, but comes second, writes nothing either), while
 * one already under way finishes as it is.
 */
public final class ChunkProcessor {
    /**
     * The longest a chunk may take, of the worker's 60 s timeout: a 100-row accept or revoke chunk makes about 350
     * DynamoDB calls one after another, about 10 s at 30 ms a call. A worker starts no chunk with less time left.
     */
    public static final Duration LONGEST_CHUNK = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(ChunkProcessor.class);

    private final BatchStore batches;
    private final KindBehaviours types;
    private final BatchCompletion completion;
    private final PipelineObserver observer;
    private final Clock clock;

    public ChunkProcessor(BatchStore batches, KindBehaviours types, BatchCompletion completion,
                          PipelineObserver observer, Clock clock) {
        this.batches = batches;
        this.types = types;
        this.completion = completion;
        this.observer = observer;
        this.clock = clock;
    }

    public void process(ChunkMessage chunk) {
        ifUnrecorded(chunk, (unrecorded, started) -> {
            LOG.debug("processing {} rows", chunk.rows().size());
            BatchContext context = unrecorded.context();
            KindBehaviour type = types.of(context.kind());
            BatchStore.ChunkStart start = batches.startChunk(chunk.batchId(), chunk.chunkIndex(),
                    unrecorded.cancelled());
            boolean first = start == BatchStore.ChunkStart.FIRST;
            if (start == BatchStore.ChunkStart.CANCELLED || unrecorded.cancelled() && first) {
                List<RowResult> cancelled = chunk.rows().stream().<RowResult>map(row -> new RowResult.Cancelled(
                        type.unprocessed(context, row, "line " + row.line() + ": " + RowResult.Cancelled.ERROR)))
                        .toList();
                record(new ChunkResult(chunk.batchId(), chunk.chunkIndex(), cancelled), unrecorded,
                        ChunkRecorded.How.CANCELLED, started);
                return;
            }
            List<RowResult> results = type.process(context, chunk.rows(), first);
            record(new ChunkResult(chunk.batchId(), chunk.chunkIndex(), results), unrecorded,
                    ChunkRecorded.How.PROCESSED, started);
        });
    }

    /** A chunk whose message reached the dead-letter queue after {@code receives} attempts: see {@link #giveUp}. */
    public void deadLettered(ChunkMessage chunk, String receives) {
        giveUp(chunk, "not processed after " + (receives == null ? "repeated" : receives)
                + " attempts; see the worker's logs", ChunkRecorded.How.DEAD_LETTERED);
    }

    /** A chunk the sweeper gave up on, its rows Failed with {@code reason}: see {@link #giveUp}. */
    public void swept(ChunkMessage chunk, String reason) {
        giveUp(chunk, reason, ChunkRecorded.How.SWEPT);
    }

    /** Removes what the chunk's rows created (a batch that ends FAILED keeps nothing it created). */
    public void undo(BatchContext context, ChunkMessage chunk) {
        types.of(context.kind()).undo(context, chunk.rows());
    }

    /**
     * Accounts for a chunk that could not be processed, as its type gives it up (a create chunk keeps what it
     * created; other rows Failed with {@code reason}). Recorded once, like any chunk: a later redrive of the same
     * message changes nothing.
     */
    private void giveUp(ChunkMessage chunk, String reason, ChunkRecorded.How how) {
        ifUnrecorded(chunk, (unrecorded, started) -> {
            BatchContext context = unrecorded.context();
            List<RowResult> results = types.of(context.kind()).givenUp(context, chunk.rows(), reason);
            record(new ChunkResult(chunk.batchId(), chunk.chunkIndex(), results), unrecorded, how, started);
        });
    }

    /**
     * Does {@code work} with the batch's context if the chunk's results are not recorded yet; a redelivery of a
     * counted chunk only checks whether the batch is complete (its first delivery may have died before starting
     * the aggregation). Every line logged carries the chunk.
     */
    private void ifUnrecorded(ChunkMessage chunk, BiConsumer<BatchStore.UnrecordedChunk, Instant> work) {
        try (LogScope scope = LogScope.batch(chunk.batchId()).chunk(chunk.chunkIndex())) {
            Instant started = clock.instant();
            Optional<BatchStore.UnrecordedChunk> unrecorded = batches.unrecordedChunk(chunk.batchId(),
                    chunk.chunkIndex());
            if (unrecorded.isPresent()) {
                scope.kind(unrecorded.get().context().kind());
                work.accept(unrecorded.get(), started);
            } else {
                LOG.info("chunk already counted: a redelivered message; only the batch's completion is checked");
                completion.check(chunk.batchId());
            }
        }
    }

    /** Records and counts the chunk; the worker that counts a batch's last rows starts its aggregation. */
    private void record(ChunkResult result, BatchStore.UnrecordedChunk chunk, ChunkRecorded.How how,
                        Instant started) {
        BatchStore.Recorded outcome = batches.recordChunk(result, chunk.batchRows());
        if (outcome == BatchStore.Recorded.BEFORE) {
            LOG.info("chunk counted by a concurrent delivery");
            completion.check(result.batchId());
            return;
        }
        ChunkRecorded recorded = new ChunkRecorded(result.batchId(), chunk.context().kind(), result.chunkIndex(),
                result.succeeded(), result.failed(), how, Duration.between(started, clock.instant()));
        if (how == ChunkRecorded.How.PROCESSED) {
            LOG.info("chunk counted: {} rows, {} failed, in {} ms", recorded.rows(), recorded.failed(),
                    recorded.took().toMillis());
        } else if (how == ChunkRecorded.How.CANCELLED) {
            LOG.info("chunk of a cancelled batch: its {} rows recorded Cancelled, nothing written", recorded.rows());
        } else {
            LOG.warn("chunk given up ({}): its {} rows recorded Failed", how, recorded.rows());
        }
        observer.chunkRecorded(recorded);
        if (outcome == BatchStore.Recorded.COUNTED_LAST) {
            completion.start(result.batchId());
        }
    }
}
