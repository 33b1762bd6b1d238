package io.invitations.batch;

import java.time.Instant;

/**
 * What a finished batch comes to: what an admin or a script checks first. Written beside the results as JSON
 * ({@code io.invitations.aws.SummaryJson} owns that format).
 *
 * @param repeats the batch whose file this one repeated (its results are that batch's; it created nothing), or null
 */
public record BatchSummary(String batchId, String source, BatchStatus status, long total, long succeeded,
                           long failed, Instant startedAt, Instant finishedAt, String results, String error,
                           String repeats) {

    /**
     * The summary of a batch whose outputs go to {@code keys}: COMPLETED, CANCELLED, or FAILED when it failed as a
     * whole (it has no results file then).
     */
    public static BatchSummary of(BatchRecord batch, ResultKeys keys) {
        return new BatchSummary(batch.batchId(), batch.source().uri(), batch.outcome(), batch.counts().total(),
                batch.counts().succeeded(), batch.counts().failed(), batch.times().started(), batch.times().completed(),
                batch.failedAsAWhole() ? null : keys.results(), batch.error(), batch.repeatOf());
    }

    public boolean failedAsAWhole() {
        return error != null;
    }
}
