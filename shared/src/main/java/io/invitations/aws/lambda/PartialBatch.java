package io.invitations.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS partial batch responses (the event sources' ReportBatchItemFailures): each message is handled on its own;
 * one that throws is reported, so that only it is retried, and the others are deleted.
 */
public final class PartialBatch {
    private static final Logger LOG = LoggerFactory.getLogger(PartialBatch.class);

    private PartialBatch() {
    }

    /** Handles every message of {@code event}; the response names the ones that failed. */
    public static SQSBatchResponse eachMessage(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                // Never the body: accept and revoke chunks carry their rows' tokens.
                LOG.error("message {} failed, to be retried", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
