package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.memory.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/** A batch that stops making progress is found by the scheduled sweep and finished, its lost rows Failed. */
class StalledBatchTest {
    @Test
    void aLostChunkMessageIsFoundAfterTheTemplatesBoundAndItsRowsMarkedFailed(@TempDir Path scratch) throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (LocalPipeline pipeline = LocalPipeline.start(null, StackSettings.template().withVisibilityTimeouts(1, 1)
                .withRowsPerChunk(100), clock, null)) {
            TestBatches batches = new TestBatches(pipeline, scratch);
            StringBuilder csv = new StringBuilder("Name,Type\n");
            for (int i = 0; i < 250; i++) {
                csv.append("Lost ").append(i).append(",rw\n");
            }
            int before = batches.invitationCount();
            S3Event event = batches.upload("incoming/create/lost.csv", csv.toString(), Map.of());
            pipeline.deliver(event);
            // One of the three chunk messages is lost for good.
            String queue = pipeline.resources().config().chunkQueueUrl();
            Message lost = pipeline.clients().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1))
                    .messages().get(0);
            pipeline.clients().sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(lost.receiptHandle()));
            pipeline.startEventSources();
            String batchId = TestBatches.sourceOf(event).batchId();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pipeline.pipeline().batches().find(batchId).orElseThrow().counts().processed() >= 150);
            assertEquals(0, pipeline.sweep(), "not idle long enough yet: nothing is touched");

            clock.advance(Duration.ofMinutes(61));
            assertEquals(1, pipeline.sweep());
            Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
            assertEquals(250, done.rows().size());
            assertEquals(250, done.batch().counts().processed());
            long failed = done.rows().stream().filter(r -> r[8].equals("Failed")).count();
            assertEquals(done.batch().counts().failed(), failed);
            assertTrue(failed >= 50 && failed <= 100, "the lost chunk's rows: " + failed);
            assertTrue(done.rows().stream().filter(r -> r[8].equals("Failed"))
                    .allMatch(r -> r[9].contains("the batch made no progress for 60 minutes")));
            assertEquals(before + 250 - failed, batches.invitationCount());
            assertEquals(0, pipeline.sweep(), "a finished batch is not swept again");
        }
    }
}
