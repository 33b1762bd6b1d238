package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.RowResult;
import io.invitations.store.BatchStore;
import java.util.List;
import java.util.Optional;

/**
 * The worker's job for one chunk: its batch's type processes each row, then every row's result is recorded and
 * counted in one atomic step. Bad rows are results, not exceptions; only a storage failure throws, and then the
 * chunk is retried whole: created invitations are deterministic (a retry overwrites the same items), accepts and
 * revocations are idempotent.
 */
public final class ChunkProcessor {
    private final BatchStore batches;
    private final BatchTypes types;
    private final BatchCompletion completion;

    public ChunkProcessor(BatchStore batches, BatchTypes types, BatchCompletion completion) {
        this.batches = batches;
        this.types = types;
        this.completion = completion;
    }

    public void process(ChunkMessage chunk) {
        String batchId = chunk.batchId();
        Optional<BatchContext> unrecorded = batches.contextIfUnrecorded(batchId, chunk.chunkIndex());
        if (unrecorded.isPresent()) {
            BatchContext context = unrecorded.get();
            List<RowResult> results = types.of(context.kind()).process(context, chunk.rows());
            batches.recordChunk(new ChunkResult(batchId, chunk.chunkIndex(), results));
        }
        completion.check(batchId);
    }

    /**
     * Accounts for a chunk that could not be processed (its message reached the dead-letter queue, or the sweeper
     * gave up on it): what failed attempts may have written is undone, and every row is recorded Failed with
     * {@code reason}. Recorded once, like any chunk: a later redrive of the same message changes nothing.
     */
    public void giveUp(ChunkMessage chunk, String reason) {
        String batchId = chunk.batchId();
        Optional<BatchContext> unrecorded = batches.contextIfUnrecorded(batchId, chunk.chunkIndex());
        if (unrecorded.isPresent()) {
            BatchContext context = unrecorded.get();
            BatchType type = types.of(context.kind());
            type.undo(context, chunk.rows());
            List<RowResult> results = chunk.rows().stream()
                    .map(row -> type.unprocessed(context, row, "line " + row.line() + ": " + reason)).toList();
            batches.recordChunk(new ChunkResult(batchId, chunk.chunkIndex(), results));
        }
        completion.check(batchId);
    }
}
