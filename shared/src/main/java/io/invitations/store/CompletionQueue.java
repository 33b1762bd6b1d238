package io.invitations.store;

/** Starts the aggregation of a completed batch; the same batch sent twice starts one aggregation. */
public interface CompletionQueue {

    void batchCompleted(String batchId);
}
