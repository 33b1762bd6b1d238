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
    private final Chunker chunker;
    private final ChunkProcessor processor;
    private final BatchCompletion completion;
    private final Clock clock;
    private final Duration idleBound;

    public BatchSweeper(BatchStore batches, Chunker chunker, ChunkProcessor processor, BatchCompletion completion,
                        Clock clock, Duration idleBound) {
        this.batches = batches;
        this.chunker = chunker;
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
            if (batch.completedAt() == null && !batch.isRejected() && batch.context().layout() != null) {
                try {
                    chunker.forEachChunk(batch.source(), batch.context(), chunk -> {
                        if (!batches.isChunkRecorded(batch.batchId(), chunk.chunkIndex())) {
                            processor.giveUp(chunk, reason);
                        }
                    });
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
