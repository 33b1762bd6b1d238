package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.local.client.BatchClient;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.local.runtime.S3Notifications;
import io.invitations.local.runtime.SqsEventSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A 30,000-row batch cancelled while it runs, through the real handlers on the embedded servers: two chunks are
 * processed by hand (the workers' event sources not started yet), then the cancel request is dropped under
 * incoming/cancel/ as an admin would; the rest of the chunks then finish at once, Cancelled, and the batch ends
 * CANCELLED with every row in its results, in input order. A second request changes nothing.
 */
class CancelTest {
    private static final int ROWS = 30_000;
    private static final int ROWS_PER_CHUNK = StackSettings.template().rowsPerChunk();
    private static LocalPipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = LocalPipeline.start(null, StackSettings.template().withVisibilityTimeouts(30, 30));
    }

    @AfterAll
    static void stop() throws Exception {
        pipeline.close();
    }

    @Test
    void aBatchCancelledWhileItRunsEndsCancelledWithEveryRowAccountedFor(@TempDir Path scratch) throws Exception {
        TestBatches batches = new TestBatches(pipeline, scratch);
        StringBuilder csv = new StringBuilder("Name,Type\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("Member ").append(i).append(",read_only\n");
        }
        S3Event upload = batches.upload("incoming/create/wrong-file.csv", csv.toString(), Map.of());
        pipeline.deliver(upload);
        String batchId = TestBatches.sourceOf(upload).batchId();
        processChunksByHand(2);

        BatchClient client = new BatchClient(pipeline.clients().s3(), pipeline.resources().bucket(),
                pipeline.pipeline().batches(), request -> pipeline.deliver(S3Notifications.objectCreated(request)),
                Duration.ofMinutes(5));
        BatchRecord cancelled = client.cancel(batchId, Duration.ofSeconds(30)).orElseThrow();
        assertTrue(cancelled.isCancelled());
        assertEquals(2L * ROWS_PER_CHUNK, cancelled.counts().processed(), "two chunks counted before the cancel");

        pipeline.startEventSources();
        TestBatches.Finished finished = batches.awaitFinished(upload, Duration.ofMinutes(5));
        assertEquals(BatchStatus.CANCELLED, finished.batch().status());
        BatchSummary summary = SummaryJson.read(finished.summaryJson());
        assertEquals(BatchStatus.CANCELLED, summary.status(), "the summary says so, with the counts");
        assertEquals(2L * ROWS_PER_CHUNK, summary.succeeded());
        assertEquals(ROWS - 2L * ROWS_PER_CHUNK, summary.failed());
        List<String[]> rows = finished.rows();
        assertEquals(ROWS, rows.size(), "every row accounted for");
        for (int i = 0; i < ROWS; i++) {
            String[] row = rows.get(i);
            assertEquals("Member " + (i + 1), row[0], "input order");
            if (i < 2 * ROWS_PER_CHUNK) {
                assertEquals("Success", row[8]);
                assertTrue(pipeline.pipeline().invitations().find(row[2]).isPresent(), "its invitation stays");
            } else {
                assertEquals("Cancelled", row[8]);
                assertEquals("line " + (i + 2) + ": not processed: the batch was cancelled", row[9]);
                assertEquals("", row[2], "no token: nothing was created");
            }
        }

        BatchRecord again = client.cancel(batchId, Duration.ofSeconds(30)).orElseThrow();
        assertEquals(BatchStatus.CANCELLED, again.status(), "cancelling a finished batch changes nothing");
        assertEquals(finished.batch().counts().processed(), again.counts().processed());
    }

    /** Receives {@code count} chunk messages and runs the worker on them, as Lambda would. */
    private static void processChunksByHand(int count) {
        String queue = pipeline.resources().config().chunkQueueUrl();
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(pipeline.clients().sqs().receiveMessage(b -> b.queueUrl(queue)
                    .maxNumberOfMessages(count - received.size()).waitTimeSeconds(1)).messages());
            return received.size() >= count;
        });
        assertEquals(List.of(), pipeline.worker().handleRequest(SqsEventSource.eventFor(received,
                SqsEventSource.queueArn(queue)), null).getBatchItemFailures());
        received.forEach(m -> pipeline.clients().sqs().deleteMessage(b -> b.queueUrl(queue)
                .receiptHandle(m.receiptHandle())));
    }
}
