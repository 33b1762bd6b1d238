package io.invitations.pipeline;

import io.invitations.batch.BatchRecord;
import io.invitations.store.BatchStore;
import io.invitations.store.UploadReplacedException;
import java.time.Clock;
import java.time.Duration;

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
    private static final System.Logger LOG = System.getLogger(BatchSweeper.class.getName());

    private final BatchStore batches;
    private final UnrecordedChunks unrecorded;
    private final ChunkProcessor processor;
    private final BatchCompletion completion;
    private final Clock clock;
    private final Duration idleBound;

    public BatchSweeper(BatchStore batches, UnrecordedChunks unrecorded, ChunkProcessor processor, BatchCompletion completion,
                        Clock clock, Duration idleBound) {
        this.batches = batches;
        this.unrecorded = unrecorded;
        this.processor = processor;
        this.completion = completion;
        this.clock = clock;
        this.idleBound = idleBound;
    }

    /** Sweeps once; returns how many stalled batches it finished or restarted. */
    public int sweep() {
        int swept = 0;
        String reason = "not processed: the batch made no progress for " + idleBound.toMinutes()
                + " minutes (lost message or crashed run)";
        for (BatchRecord batch : batches.idleSince(clock.instant().minus(idleBound))) {
            if (UnrecordedChunks.applyTo(batch)) {
                try {
                    unrecorded.forEach(batch, chunk -> processor.giveUp(chunk, reason));
                } catch (UploadReplacedException e) {
                    batches.fail(batch.batchId(), "the batch stalled, and " + e.getMessage());
                }
            }
            int restarts = batch.aggregationRestarts();
            batches.recordRestart(batch.batchId());
            if (restarts > MAX_AGGREGATION_RESTARTS) {
                LOG.log(System.Logger.Level.ERROR, "batch {0}: even its FAILED summary could not be written after "
                        + "{1} restarts of its aggregation; not restarted again", batch.batchId(), restarts);
                continue;
            }
            if (restarts == MAX_AGGREGATION_RESTARTS) {
                batches.fail(batch.batchId(), "the results file could not be written: the aggregation failed "
                        + "after the batch completed and after " + restarts + " restarts (see the aggregator's "
                        + "logs). The rows were processed as counted: an export lists the invitations in place");
            }
            completion.restart(batch.batchId());
            swept++;
        }
        return swept;
    }
}
