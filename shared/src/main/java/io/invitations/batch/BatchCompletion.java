package io.invitations.batch;

import io.invitations.store.BatchStore;
import io.invitations.store.CompletionQueue;
import java.time.Clock;

/**
 * Decides that a batch is complete and starts its aggregation. Called after every counted chunk and on
 * every redelivery of a counted chunk, so a worker that dies between counting and notifying is covered
 * by the next delivery; the completion queue de-duplicates the notifications.
 */
public final class BatchCompletion {
    private final BatchStore batches;
    private final CompletionQueue completions;
    private final Clock clock;

    public BatchCompletion(BatchStore batches, CompletionQueue completions, Clock clock) {
        this.batches = batches;
        this.completions = completions;
        this.clock = clock;
    }

    /** Starts aggregation if every row of the batch is counted; true when it did. */
    public boolean check(String batchId) {
        if (batches.markComplete(batchId, clock.instant())) {
            completions.batchCompleted(batchId);
            return true;
        }
        return false;
    }
}
