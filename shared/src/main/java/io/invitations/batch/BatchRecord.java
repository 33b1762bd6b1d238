package io.invitations.batch;

import java.time.Instant;

/**
 * A batch as the batch table holds it.
 *
 * @param status      where the batch is in its life
 * @param error       why the batch failed as a whole (rejected, its upload gone, its results unwritable), or null
 * @param aggregationRestarts how often the sweeper restarted the aggregation of the batch
 * @param repeatOf    the batch whose file this one repeats (the same bytes and options, within the repeat window):
 *                    it creates nothing and, once that batch finished, answers with its results; null otherwise
 */
public record BatchRecord(String batchId, BatchKind kind, SourceObject source, BatchStatus status, Counts counts,
                          Times times, String error, int aggregationRestarts, BatchContext context, String repeatOf) {

    /** The batch's rows: how many it has, and how many were counted, succeeded and failed so far. */
    public record Counts(long total, long processed, long succeeded, long failed) {
        public static Counts of(long total) {
            return new Counts(total, 0, 0, 0);
        }
    }

    /**
     * When things happened to the batch.
     *
     * @param completed when the last row was counted (or the batch was rejected), or null
     * @param finished  when the results and summary were written, or null
     * @param cancelled when an admin asked to stop the batch while it ran, or null
     */
    public record Times(Instant started, Instant completed, Instant finished, Instant cancelled) {
        public static Times startedAt(Instant started) {
            return new Times(started, null, null, null);
        }
    }

    public static BatchRecord started(BatchKind kind, SourceObject source, long totalRows, BatchContext context) {
        return new BatchRecord(context.batchId(), kind, source, BatchStatus.SPLITTING, Counts.of(totalRows),
                Times.startedAt(context.createdAt()), null, 0, context, null);
    }

    public static BatchRecord rejected(BatchKind kind, SourceObject source, Instant at, String error) {
        return new BatchRecord(source.batchId(), kind, source, BatchStatus.REJECTED, Counts.of(0), Times.startedAt(at),
                error, 0, null, null);
    }

    /** A batch whose file repeats {@code original}'s: no context of its own until that one has finished. */
    public static BatchRecord repeating(BatchKind kind, SourceObject source, long totalRows, Instant at,
                                        String original) {
        return new BatchRecord(source.batchId(), kind, source, BatchStatus.SPLITTING, Counts.of(totalRows),
                Times.startedAt(at), null, 0, null, original);
    }

    public boolean isRepeat() {
        return repeatOf != null;
    }

    /** A repeat whose original has not finished yet: it has no context, and nothing but its original completes it. */
    public boolean waitsForOriginal() {
        return isRepeat() && context == null;
    }

    /** The batch failed as a whole: it has no results file, only a summary saying why. */
    public boolean failedAsAWhole() {
        return error != null;
    }

    public boolean isFinished() {
        return status.isFinished();
    }

    public boolean isCancelled() {
        return times.cancelled() != null;
    }

    /** The status its outputs give it. */
    public BatchStatus outcome() {
        return failedAsAWhole() ? BatchStatus.FAILED : isCancelled() ? BatchStatus.CANCELLED : BatchStatus.COMPLETED;
    }
}
