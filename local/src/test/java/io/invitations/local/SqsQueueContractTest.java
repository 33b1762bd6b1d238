package io.invitations.local;

import io.invitations.aws.SqsChunkQueue;
import io.invitations.aws.SqsCompletionQueue;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queue contract, held by SQS on the embedded ElasticMQ: a standard work queue and a FIFO completion queue. */
@ExtendWith(SharedPipeline.class)
class SqsQueueContractTest extends QueueContract {
    private SqsClient sqs;
    private String chunkQueue;
    private String completionQueue;

    @BeforeEach
    void createQueues(LocalPipeline pipeline) {
        sqs = pipeline.clients().sqs();
        String name = "contract-" + UUID.randomUUID();
        chunkQueue = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        completionQueue = sqs.createQueue(b -> b.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")))
                .queueUrl();
    }

    @Override
    ChunkQueue chunks() {
        return new SqsChunkQueue(sqs, chunkQueue);
    }

    @Override
    List<String> drainChunks() {
        return drain(chunkQueue);
    }

    @Override
    CompletionQueue completions() {
        return new SqsCompletionQueue(sqs, completionQueue);
    }

    @Override
    List<String> drainCompletions() {
        return drain(completionQueue);
    }

    private List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
