package io.invitations.pipeline;

import io.invitations.batch.BatchRecord;
import io.invitations.batch.ChunkMessage;
import io.invitations.store.BatchStore;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The chunks of an unfinished batch whose results are not recorded yet, rebuilt from its pinned upload:
 * what the sweeper gives up on and what a restarted local server queues again.
 */
public final class UnrecordedChunks {
    private final BatchStore batches;
    private final Chunker chunker;

    public UnrecordedChunks(BatchStore batches, Chunker chunker) {
        this.batches = batches;
        this.chunker = chunker;
    }

    /**
     * True when the batch has rows that can still be counted chunk by chunk (not a repeat waiting for its
     * original, which has no context yet, nor an export).
     */
    public static boolean applyTo(BatchRecord batch) {
        return batch.status().isCounting() && batch.context() != null && batch.context().readsInput();
    }

    /** Visits every chunk of {@code batch}, recorded or not, in chunk order. */
    public void forEachOfBatch(BatchRecord batch, Consumer<ChunkMessage> visitor) {
        chunker.forEachChunk(batch.source(), batch.context(), visitor);
    }

    /** Visits each chunk of {@code batch} not recorded yet, in chunk order. */
    public void forEach(BatchRecord batch, Consumer<ChunkMessage> visitor) {
        Set<Integer> recorded = batches.recordedChunks(batch.batchId());
        chunker.forEachChunk(batch.source(), batch.context(), chunk -> {
            if (!recorded.contains(chunk.chunkIndex())) {
                visitor.accept(chunk);
            }
        });
    }
}
