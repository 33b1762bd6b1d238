package io.invitations.pipeline;

import io.invitations.batch.BatchRecord;
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
        // A repeat counts no rows: it is complete when its original is (see startRepeats), whatever its zero counts.
        boolean maybeComplete = batches.find(batchId).filter(batch -> batch.isFinished()
                || batch.counts().processed() == batch.counts().total() && !batch.waitsForOriginal()).isPresent();
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
     * A repeat waits for the batch whose file it repeats: noted on that batch, whose aggregator then starts it,
     * and started here at once if that batch has finished already.
     */
    public void awaitOriginal(BatchRecord repeat) {
        batches.addRepeat(repeat.repeatOf(), repeat.batchId());
        batches.markEnqueued(repeat.batchId());
        followOriginal(repeat);
    }

    /** Starts a repeat's aggregation if the batch it repeats has finished; true when it did (now or before). */
    public boolean followOriginal(BatchRecord repeat) {
        return batches.find(repeat.repeatOf()).filter(BatchRecord::isFinished)
                .map(original -> startRepeat(repeat.batchId(), original)).orElse(false);
    }

    /** After a batch finished: each repeat waiting for it takes its outcome and starts its aggregation. */
    public void startRepeats(BatchRecord original) {
        for (String repeat : batches.repeatsOf(original.batchId())) {
            startRepeat(repeat, original);
        }
    }

    private boolean startRepeat(String repeatId, BatchRecord original) {
        String error = !original.failedAsAWhole() ? null : "the batch this file repeats (" + original.batchId()
                + ") failed: " + original.error() + " Upload the file again with the metadata new-batch=true"
                + " (batch-create --new-batch) to run it anew.";
        if (batches.completeRepeat(repeatId, original, error, clock.instant())) {
            completions.batchCompleted(repeatId, repeatId);
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
