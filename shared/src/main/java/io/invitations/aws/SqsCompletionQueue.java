package io.invitations.aws;

import io.invitations.store.CompletionQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The completion queue: a FIFO queue, so that several workers noticing the same completion (the same
 * de-duplication id) start one aggregation.
 */
public final class SqsCompletionQueue implements CompletionQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCompletionQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void batchCompleted(String batchId, String deduplicationId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(batchId)
                .messageGroupId(batchId).messageDeduplicationId(deduplicationId));
    }
}
