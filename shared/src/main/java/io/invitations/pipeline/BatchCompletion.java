package io.invitations.pipeline;

import io.invitations.store.BatchStore;
import io.invitations.store.CompletionQueue;
import java.time.Clock;

/**
 * Decides that a batch is complete and starts its aggregation: {@link #start} by the worker that counted the
 * batch's last rows, {@link #check} on every redelivery of a counted chunk (so a worker that dies between
 * counting and notifying is covered by the next delivery) and by the splitter; the completion queue
 * de-duplicates the notifications.
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
        // Read first: the callers (a redelivery, the splitter) seldom find the batch complete, and a refused
        // conditional update costs a write unit on DynamoDB.
        boolean maybeComplete = batches.find(batchId)
                .filter(batch -> batch.isFinished() || batch.processedRows() == batch.totalRows()).isPresent();
        return maybeComplete && start(batchId);
    }

    /** Starts aggregation of a batch whose rows were all counted (unless it is finished already); true when so. */
    public boolean start(String batchId) {
        if (batches.markComplete(batchId, clock.instant())) {
            // Every worker noticing the completion sends the same id: the queue keeps one notice.
            completions.batchCompleted(batchId, batchId);
            return true;
        }
        return false;
    }

    /**
     * Starts aggregation again for a batch whose earlier notice was lost (the sweeper): a notice of its own,
     * which the queue must not take for a duplicate of the first. The aggregator is idempotent.
     */
    public boolean restart(String batchId) {
        if (batches.markComplete(batchId, clock.instant())) {
            completions.batchCompleted(batchId, batchId + "@" + clock.millis());
            return true;
        }
        return false;
    }
}
