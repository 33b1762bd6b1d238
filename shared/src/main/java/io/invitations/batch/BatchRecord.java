package io.invitations.batch;

import java.time.Instant;

/**
 * A batch as the batch table holds it.
 *
 * @param error       why the batch failed as a whole, or null
 * @param completedAt when the last row was counted (or the batch was rejected), or null
 * @param finishedAt  when the results and summary were written, or null
 * @param aggregationRestarts how often the sweeper restarted the aggregation of the batch
 */
public record BatchRecord(String batchId, BatchKind kind, SourceObject source, State state, long totalRows,
                          long processedRows, long succeededRows, long failedRows, Instant startedAt,
                          Instant completedAt, Instant finishedAt, String error, int aggregationRestarts,
                          BatchContext context) {

    /** Splitting until every chunk is queued. */
    public enum State { SPLITTING, ENQUEUED }

    public static BatchRecord started(BatchKind kind, SourceObject source, long totalRows, BatchContext context) {
        return new BatchRecord(context.batchId(), kind, source, State.SPLITTING, totalRows, 0, 0, 0,
                context.createdAt(), null, null, null, 0, context);
    }

    public static BatchRecord rejected(BatchKind kind, SourceObject source, Instant at, String error) {
        return new BatchRecord(source.batchId(), kind, source, State.ENQUEUED, 0, 0, 0, 0, at, null, null,
                error, 0, null);
    }

    public boolean isRejected() {
        return error != null;
    }

    public boolean isFinished() {
        return finishedAt != null;
    }
}
