package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.SqsCompletionQueue;
import io.invitations.batch.BatchCompletion;
import io.invitations.batch.ChunkProcessor;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalSettings;
import io.invitations.local.runtime.SqsEventSource;
import io.invitations.registry.Revocation;
import io.invitations.worker.WorkerHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * At-least-once delivery: messages delivered twice, and workers that die part way through, still give each
 * row exactly one result, one invitation per successful row, and right counters. Event sources are driven
 * by each test, so it decides what a crash interrupts.
 */
class DeliveryFaultsTest {
    private static final String HEADER = "Name,Type\n";
    private static LocalPipeline pipeline;

    private TestBatches batches;

    @BeforeAll
    static void start() throws Exception {
        pipeline = LocalPipeline.start(null, LocalSettings.template().withVisibilityTimeouts(1, 1));
    }

    @AfterAll
    static void stop() throws Exception {
        pipeline.close();
    }

    @BeforeEach
    void setUp(@TempDir Path scratch) {
        batches = new TestBatches(pipeline, scratch);
    }

    private static String rows(String prefix, int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            csv.append(prefix).append(' ').append(i).append(i % 7 == 3 ? ",bogus\n" : ",rw\n");
        }
        return csv.toString();
    }

    private List<Message> receiveChunks() {
        return pipeline.clients().sqs().receiveMessage(b -> b.queueUrl(pipeline.resources().config().chunkQueueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
    }

    private static SQSEvent eventOf(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            return record;
        }).toList());
        return event;
    }

    /** Runs the real worker and aggregator as event sources until the batch has finished. */
    private Finished finishWithRealHandlers(S3Event event) throws Exception {
        try (SqsEventSource workers = new SqsEventSource(pipeline.clients().sqs(),
                pipeline.resources().config().chunkQueueUrl(), 10, 3, pipeline.worker(), "worker");
             SqsEventSource aggregator = new SqsEventSource(pipeline.clients().sqs(),
                     pipeline.resources().config().completionQueueUrl(), 1, 1, pipeline.aggregator(), "aggregator")) {
            return batches.awaitFinished(event, Duration.ofSeconds(60));
        }
    }

    private static void assertExactlyOnce(Finished done, int rows, int failed) {
        assertEquals(rows, done.batch().totalRows());
        assertEquals(rows, done.batch().processedRows(), "every row counted once");
        assertEquals(failed, done.batch().failedRows());
        assertEquals(rows, done.rows().size(), "one result per row");
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            String[] row = done.rows().get(i);
            assertTrue(row[0].endsWith(" " + i), "input order");
            if (row[8].equals("Success")) {
                assertTrue(tokens.add(row[2]), "distinct tokens");
            }
        }
        assertEquals(rows - failed, tokens.size());
    }

    @Test
    void duplicateDeliveryOfAChunkCountsItOnce() throws Exception {
        int before = batches.invitationCount();
        S3Event upload = batches.upload("incoming/create/duplicate-delivery.csv", rows("Dup", 250), Map.of());
        pipeline.deliver(upload);
        List<Message> messages = receiveChunks();
        assertTrue(!messages.isEmpty());
        SQSEvent event = eventOf(messages);
        assertEquals(List.of(), pipeline.worker().handleRequest(event, null).getBatchItemFailures());
        assertEquals(List.of(), pipeline.worker().handleRequest(event, null).getBatchItemFailures(),
                "the same messages again (the ack was lost)");
        Finished done = finishWithRealHandlers(upload);
        assertExactlyOnce(done, 250, 36);
        assertEquals(before + 250 - 36, batches.invitationCount(), "no invitation created twice");
    }

    @ParameterizedTest
    @EnumSource(FaultyBatchStore.Step.class)
    void workerDyingPartWayIsRetriedWithoutDoubleCounting(FaultyBatchStore.Step step) throws Exception {
        int before = batches.invitationCount();
        S3Event upload = batches.upload("incoming/create/crash-" + step + ".csv", rows("Crash", 120), Map.of());
        pipeline.deliver(upload);
        FaultyBatchStore faulty = new FaultyBatchStore(pipeline.pipeline().batches(), step, 1);
        WorkerHandler dying = new WorkerHandler(new ChunkProcessor(faulty, pipeline.pipeline().invitations(),
                pipeline.pipeline().acceptance(), new Revocation(pipeline.pipeline().invitations(),
                pipeline.pipeline().registry(), Clock.systemUTC()), new BatchCompletion(faulty, new SqsCompletionQueue(pipeline.clients().sqs(),
                        pipeline.resources().config().completionQueueUrl()), Clock.systemUTC())));
        List<Message> messages = receiveChunks();
        var response = dying.handleRequest(eventOf(messages), null);
        assertEquals(1, response.getBatchItemFailures().size(), "only the crashed message is retried");
        // Nothing is deleted for the failed message: it comes back after its visibility timeout.
        Finished done = finishWithRealHandlers(upload);
        assertExactlyOnce(done, 120, 17);
        assertEquals(before + 120 - 17, batches.invitationCount(), "the retry rewrote the same invitations");
    }
}
