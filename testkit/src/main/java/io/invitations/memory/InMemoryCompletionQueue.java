package io.invitations.memory;

import io.invitations.store.CompletionQueue;

/** The completion queue: batch ids on a FIFO {@link InMemoryQueue}, grouped and de-duplicated as SQS does. */
public final class InMemoryCompletionQueue implements CompletionQueue {
    private final InMemoryQueue queue;

    public InMemoryCompletionQueue(InMemoryQueue queue) {
        this.queue = queue;
    }

    @Override
    public void batchCompleted(String batchId, String deduplicationId) {
        queue.send(batchId, batchId, deduplicationId);
    }

    public InMemoryQueue queue() {
        return queue;
    }
}
