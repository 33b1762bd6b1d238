package io.invitations.pipeline;

import io.invitations.batch.BatchRecord;
import io.invitations.observe.LogScope;
import io.invitations.observe.PipelineObserver;
import io.invitations.store.BatchStore;
import io.invitations.store.UploadReplacedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes batches that stopped making progress (a lost message, a splitter whose retries all failed, a lost
 * completion notice): after {@code idleBound} without a counted chunk, the chunks never counted are rebuilt
 * from the pinned upload and recorded Failed, and the aggregation is (re)started. Safe to run at any time and
 * concurrently with the pipeline: every step is the same exactly-once step the workers take.
 */
public final class BatchSweeper {
    /**
     * How often the sweeper restarts the aggregation of one batch. The restart after the last one fails the batch
     * first, so that the aggregator writes only a FAILED summary; past that, the batch is left to the alarms.
     */
    public static final int MAX_AGGREGATION_RESTARTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(BatchSweeper.class);

    private final BatchStore batches;
    private final UnrecordedChunks unrecorded;
    private final ChunkProcessor processor;
    private final BatchCompletion completion;
    private final PipelineObserver observer;
    private final Clock clock;
    private final Duration idleBound;

    public BatchSweeper(BatchStore batches, UnrecordedChunks unrecorded, ChunkProcessor processor,
                        BatchCompletion completion, PipelineObserver observer, Clock clock, Duration idleBound) {
        this.batches = batches;
        this.unrecorded = unrecorded;
        this.processor = processor;
        this.completion = completion;
        this.observer = observer;
        this.clock = clock;
        this.idleBound = idleBound;
    }

    /**
     * Sweeps once; returns how many stalled batches it finished or restarted. A batch that cannot be swept now does
     * not hold up the others: it is logged, the rest are swept, and then the run fails (the next one tries again).
     */
    public int sweep() {
        int swept = 0;
        int failed = 0;
        String reason = "not processed: the batch made no progress for " + idleBound.toMinutes()
                + " minutes (lost message or crashed run)";
        for (BatchRecord batch : batches.idleSince(clock.instant().minus(idleBound))) {
            try (LogScope scope = LogScope.batch(batch.batchId()).kind(batch.kind())) {
                if (sweep(batch, reason)) {
                    swept++;
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.error("stalled batch {} could not be swept this time", batch.batchId(), e);
            }
        }
        LOG.info("swept {} stalled batches", swept);
        if (failed > 0) {
            throw new IllegalStateException(failed + " stalled batches could not be swept (see the errors above); "
                    + swept + " were; the next run tries again");
        }
        return swept;
    }

    /**
     * A repeat makes no progress of its own while the batch it repeats runs: it is started when that one finishes
     * (if that start was lost, now), and fails only if that batch was never registered (its upload failed before).
     */
    private boolean sweepRepeat(BatchRecord repeat) {
        if (completion.followOriginal(repeat)) {
            LOG.warn("repeat of batch {}: its start was lost, started now", repeat.repeatOf());
            return true;
        }
        if (batches.find(repeat.repeatOf()).isPresent()) {
            return false;
        }
        batches.fail(repeat.batchId(), "the batch this file repeats (" + repeat.repeatOf() + ") was never"
                + " registered: upload the file again with the metadata new-batch=true (batch-create --new-batch)");
        completion.restart(repeat.batchId());
        observer.batchSwept(repeat.batchId());
        return true;
    }

    /**
     * A batch that ends FAILED without its results keeps nothing it created (no invitation without its Success row,
     * and uploading the file again is safe); accepts and revocations stay made, as they are idempotent.
     */
    private String undoAll(BatchRecord batch) {
        if (batch.context() == null || !batch.context().readsInput()) {
            return "Nothing was created.";
        }
        try {
            unrecorded.forEachOfBatch(batch, chunk -> processor.undo(batch.context(), chunk));
            return "Nothing it created was kept: upload the file again (an accept or a revocation that ran stays"
                    + " made; running it again is safe).";
        } catch (UploadReplacedException e) {
            return "Its upload is gone (" + e.getMessage() + "): the invitations it created are in place, an export"
                    + " lists them.";
        }
    }

    /** Finishes or restarts one stalled batch; false when it was given up on before. */
    private boolean sweep(BatchRecord batch, String reason) {
        if (batch.waitsForOriginal()) {
            return sweepRepeat(batch);
        }
        if (UnrecordedChunks.applyTo(batch)) {
            // A chunk that cannot be recorded now does not hold up the batch's others: each one counted is progress,
            // and the batch's next sweep is a whole idle period away.
            List<RuntimeException> unswept = new ArrayList<>();
            try {
                unrecorded.forEach(batch, chunk -> {
                    try {
                        processor.swept(chunk, reason);
                    } catch (RuntimeException e) {
                        unswept.add(e);
                    }
                });
            } catch (UploadReplacedException e) {
                batches.fail(batch.batchId(), "the batch stalled, and " + e.getMessage());
            }
            if (!unswept.isEmpty()) {
                throw new IllegalStateException(unswept.size() + " of its chunks could not be recorded this time",
                        unswept.get(0));
            }
        }
        int restarts = batch.aggregationRestarts();
        batches.recordRestart(batch.batchId());
        if (restarts > MAX_AGGREGATION_RESTARTS) {
            LOG.error("even its FAILED summary could not be written after {} restarts of its aggregation; "
                    + "not restarted again", restarts);
            observer.aggregationAbandoned(batch.batchId(), restarts);
            return false;
        }
        if (restarts == MAX_AGGREGATION_RESTARTS) {
            batches.fail(batch.batchId(), "the results file could not be written: the aggregation failed "
                    + "after the batch completed and after " + restarts + " restarts (see the aggregator's "
                    + "logs). " + undoAll(batch));
        }
        completion.restart(batch.batchId());
        LOG.warn("stalled batch ({}, no progress for {} minutes): its uncounted chunks failed, its aggregation "
                + "restarted", batch.status(), idleBound.toMinutes());
        observer.batchSwept(batch.batchId());
        return true;
    }
}
