package io.invitations.store;

/** Starts the aggregation of a completed batch. */
public interface CompletionQueue {

    /**
     * Notifies that the batch is complete. Notices with the same {@code deduplicationId} within the queue's
     * de-duplication window start one aggregation.
     */
    void batchCompleted(String batchId, String deduplicationId);
}
