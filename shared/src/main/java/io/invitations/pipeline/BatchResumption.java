package io.invitations.pipeline;

import io.invitations.batch.BatchRecord;
import io.invitations.store.BatchStore;
import io.invitations.store.ChunkQueue;
import io.invitations.store.UploadReplacedException;
import java.time.Clock;
import java.util.List;

/**
 * Picks up every unfinished batch after a restart that lost the queues' contents (the local server keeps
 * its queues in memory; on AWS, SQS keeps them): the chunks not counted yet are queued again, batches
 * whose rows are all counted are aggregated again. Every step is one the pipeline already repeats safely:
 * a chunk counted meanwhile is recognised by the worker, and the aggregator writes the same bytes twice.
 */
public final class BatchResumption {
    private final BatchStore batches;
    private final UnrecordedChunks unrecorded;
    private final ChunkQueue queue;
    private final BatchCompletion completion;
    private final Clock clock;
    private final int chunksPerSend;

    public BatchResumption(BatchStore batches, UnrecordedChunks unrecorded, ChunkQueue queue,
                           BatchCompletion completion, Clock clock, int chunksPerSend) {
        this.batches = batches;
        this.unrecorded = unrecorded;
        this.queue = queue;
        this.completion = completion;
        this.clock = clock;
        this.chunksPerSend = chunksPerSend;
    }

    /** Resumes every unfinished batch; returns how many there were. */
    public int resumeAll() {
        // Every unfinished batch made its last progress before now.
        List<BatchRecord> unfinished = batches.idleSince(clock.instant().plusSeconds(1));
        for (BatchRecord batch : unfinished) {
            resume(batch);
        }
        return unfinished.size();
    }

    private void resume(BatchRecord batch) {
        if (batch.waitsForOriginal()) {
            completion.followOriginal(batch);
            return;
        }
        if (UnrecordedChunks.applyTo(batch)) {
            try {
                ChunkSends sends = new ChunkSends(queue, chunksPerSend);
                unrecorded.forEach(batch, sends);
                sends.flush();
                batches.markEnqueued(batch.batchId());
            } catch (UploadReplacedException e) {
                batches.fail(batch.batchId(), "the batch was interrupted, and " + e.getMessage());
            }
        }
        completion.restart(batch.batchId());
    }
}
