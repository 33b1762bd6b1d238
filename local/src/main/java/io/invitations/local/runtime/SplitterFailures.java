package io.invitations.local.runtime;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.invitations.batch.SourceObject;
import io.invitations.splitter.SplitterHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The splitter's on-failure destination (the template's SplitterFailureQueue): uploads whose splitter failed
 * every asynchronous attempt before their batch was registered. Lambda sends each as an invocation record (the
 * S3 event in {@code requestPayload}, the last error in {@code responsePayload}); the local runtime sends the
 * same record, and {@code status} reads them back from either.
 */
public final class SplitterFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PEEK_ROUNDS = 5;

    private final SqsClient sqs;
    private final String queueUrl;

    public SplitterFailures(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** An upload the splitter gave up on. */
    public record FailedUpload(SourceObject upload, String error, Instant failedAt, int attempts) {
    }

    /** Sends the record Lambda sends to an SQS on-failure destination when an event's retries are exhausted. */
    public void record(S3Event event, RuntimeException lastError, int attempts, Instant at) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", at.toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", "arn:aws:lambda:us-east-1:000000000000:function:invitations-splitter:live");
        request.put("condition", "RetriesExhausted");
        request.put("approximateInvokeCount", attempts);
        try {
            record.set("requestPayload", JSON.readTree(LocalFunctions.eventJson(event)));
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "1");
            response.put("functionError", "Unhandled");
            ObjectNode payload = record.putObject("responsePayload");
            payload.put("errorMessage", lastError.getMessage());
            payload.put("errorType", lastError.getClass().getName());
            String body = JSON.writeValueAsString(record);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the failure record: " + e.getMessage(), e);
        }
    }

    /** How many uploads wait in the destination, as SQS approximates it. */
    public int count() {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /**
     * The failed uploads a few receives see, left in the queue (visibility timeout 0) for re-driving. SQS samples
     * its servers on each receive: with many messages, some may not be seen; {@link #count()} says how many.
     */
    public List<FailedUpload> peek() {
        Map<String, FailedUpload> seen = new LinkedHashMap<>();
        for (int round = 0; round < PEEK_ROUNDS; round++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(0)).messages();
            for (Message message : messages) {
                seen.computeIfAbsent(message.messageId(), id -> parse(message.body()));
            }
            if (messages.size() < 10) {
                break;
            }
        }
        return seen.values().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static FailedUpload parse(String body) {
        try {
            JsonNode record = JSON.readTree(body);
            S3Event event = S3Notifications.parse(JSON.writeValueAsString(record.path("requestPayload")));
            SourceObject upload = SplitterHandler.sourceOf(event.getRecords().get(0));
            return new FailedUpload(upload, record.path("responsePayload").path("errorType").asText("") + ": "
                    + record.path("responsePayload").path("errorMessage").asText(""),
                    Instant.parse(record.path("timestamp").asText()),
                    record.path("requestContext").path("approximateInvokeCount").asInt());
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // not an invocation record: nothing this command can show
        }
    }
}
