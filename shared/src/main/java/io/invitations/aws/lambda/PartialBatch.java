package io.invitations.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS partial batch responses (the event sources' ReportBatchItemFailures): each message is handled on its own;
 * one that throws is reported, so that only it is retried, and the others are deleted.
 *
 * <p>An invocation that runs past its function's timeout is killed and its response lost: every message of the
 * batch comes back, and one whose receives run out goes to the dead-letter queue, healthy or not. So no message
 * is started once less than {@code reserve} (the longest one may take) is left of the invocation: it and the rest
 * are reported as not processed, to be received again at once by another invocation.
 */
public final class PartialBatch {
    private static final Logger LOG = LoggerFactory.getLogger(PartialBatch.class);

    private PartialBatch() {
    }

    /**
     * Handles the messages of {@code event} while at least {@code reserve} is left of the invocation ({@code context}
     * null: no limit); the response names the ones that failed or were not started.
     */
    public static SQSBatchResponse eachMessage(SQSEvent event, Context context, Duration reserve,
                                               Consumer<SQSEvent.SQSMessage> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords();
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            long remaining = i == 0 || context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
            if (remaining < reserve.toMillis()) {
                LOG.warn("{} of {} messages left for another invocation: {} ms left of this one, {} ms needed for"
                        + " a message", messages.size() - i, messages.size(), remaining, reserve.toMillis());
                messages.subList(i, messages.size()).forEach(left ->
                        failures.add(new SQSBatchResponse.BatchItemFailure(left.getMessageId())));
                break;
            }
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
