package io.invitations.aws;

import io.invitations.batch.ChunkMessage;
import io.invitations.store.ChunkQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The work queue on SQS: chunks sent ten to a request, within the request size limit, failures retried. */
public final class SqsChunkQueue implements ChunkQueue {
    private static final int MAX_ENTRIES = 10;
    private static final int MAX_REQUEST_BYTES = 250 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsChunkQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void sendAll(List<ChunkMessage> chunks) {
        List<SendMessageBatchRequestEntry> request = new ArrayList<>();
        int requestBytes = 0;
        for (ChunkMessage chunk : chunks) {
            String body = ChunkMessageBody.encode(chunk);
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (!request.isEmpty() && (request.size() == MAX_ENTRIES || requestBytes + bytes > MAX_REQUEST_BYTES)) {
                send(request);
                request = new ArrayList<>();
                requestBytes = 0;
            }
            request.add(SendMessageBatchRequestEntry.builder().id("c" + chunk.chunkIndex()).messageBody(body).build());
            requestBytes += bytes;
        }
        if (!request.isEmpty()) {
            send(request);
        }
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> pending = entries;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt >= Backoff.MAX_ATTEMPTS) {
                throw new IllegalStateException("SQS refused " + pending.size() + " chunk messages");
            }
            if (attempt > 0) {
                Backoff.pause(attempt);
            }
            List<SendMessageBatchRequestEntry> batch = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            Map<String, SendMessageBatchRequestEntry> byId = pending.stream()
                    .collect(Collectors.toMap(SendMessageBatchRequestEntry::id, e -> e));
            List<SendMessageBatchRequestEntry> failed = new ArrayList<>();
            for (BatchResultErrorEntry error : response.failed()) {
                if (error.senderFault()) {
                    throw new IllegalStateException("SQS rejected a chunk message: " + error.code() + " "
                            + error.message());
                }
                failed.add(byId.get(error.id()));
            }
            pending = failed;
        }
    }
}
