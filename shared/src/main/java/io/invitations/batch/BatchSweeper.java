package io.invitations.batch;

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
            completion.restart(batch.batchId());
            swept++;
        }
        return swept;
    }
}
