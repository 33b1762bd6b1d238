package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.Operations;
import io.invitations.aws.PipelineConfig;
import io.invitations.aws.S3ObjectStore;
import io.invitations.aws.SqsChunkQueue;
import io.invitations.aws.SqsCompletionQueue;
import io.invitations.invitation.Tokens;
import io.invitations.overlap.Overlap;
import io.invitations.pipeline.PipelineServices;
import io.invitations.aws.lambda.Primed;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.local.runtime.SqsEventSource;
import io.invitations.worker.WorkerHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.invitations.registry.Registration;
import io.invitations.invitation.Invitation;
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
import software.amazon.awssdk.services.sqs.SqsClient;
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
        // Chunks of 100 rows: the files below make two or three chunks.
        pipeline = LocalPipeline.start(null,
                StackSettings.template().withVisibilityTimeouts(1, 1).withRowsPerChunk(100));
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

    /**
     * The upload's {@code expected} chunk messages, received by hand. A poller of a source an earlier test closed may
     * be in a long poll still, and take one out of sight for its visibility timeout: receive until all are in hand.
     */
    private static List<Message> receiveChunks(S3Event upload, int expected) {
        String batchId = TestBatches.sourceOf(upload).batchId();
        List<Message> received = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
            pipeline.clients().sqs().receiveMessage(b -> b.queueUrl(pipeline.resources().config().chunkQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                    .filter(m -> m.body().contains(batchId)).forEach(received::add);
            return received.size() >= expected;
        });
        return received;
    }

    /** The real worker, its batch store replaced (by one that crashes where the test says). */
    private static WorkerHandler workerOver(FaultyBatchStore batches) {
        PipelineConfig config = pipeline.resources().config();
        SqsClient sqs = pipeline.clients().sqs();
        PipelineServices.Ports ports = new PipelineServices.Ports(batches, pipeline.pipeline().invitations(),
                pipeline.pipeline().registry(), () -> new S3ObjectStore(pipeline.clients().s3()),
                new SqsChunkQueue(sqs, config.chunkQueueUrl()), new SqsCompletionQueue(sqs, config.completionQueueUrl()));
        return new WorkerHandler(Primed.unprimed(new PipelineServices(ports, config.settings(),
                Operations.none().observers(), new Tokens(), Clock.systemUTC(), Overlap.SEQUENTIAL).chunkProcessor()));
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
        assertEquals(rows, done.batch().counts().total());
        assertEquals(rows, done.batch().counts().processed(), "every row counted once");
        assertEquals(failed, done.batch().counts().failed());
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

    /**
     * A worker writes a chunk's invitations (plain batch puts) and dies before counting them; an export hands them
     * out, one is revoked and one accepted; the redelivery, on DynamoDB Local through the real worker, writes only
     * what is missing: the revocation and the accepted device stay.
     */
    @Test
    void aRedeliveredChunkReplacesNoInvitationInUse() throws Exception {
        S3Event upload = batches.upload("incoming/create/in-use.csv", "Name,Type,ValidDays,CanInvite,Transferable,"
                + "DeviceBound,MaxDevices\nAnn,rw,30,no,yes,yes,1\nBob,rw,30,no,yes,yes,1\n", Map.of());
        pipeline.deliver(upload);
        List<Message> chunk = receiveChunks(upload, 1);
        WorkerHandler dying = workerOver(new FaultyBatchStore(pipeline.pipeline().batches(),
                FaultyBatchStore.Step.BEFORE_RECORD_CHUNK, 1));
        assertEquals(1, dying.handleRequest(eventOf(chunk), null).getBatchItemFailures().size());
        var context = pipeline.pipeline().batches().find(TestBatches.sourceOf(upload).batchId()).orElseThrow()
                .context();
        List<Invitation> written = new java.util.ArrayList<>();
        pipeline.pipeline().invitations().forEach(stored -> {
            if (stored.invitation().created().equals(context.createdAt())
                    && List.of("Ann", "Bob").contains(stored.invitation().name())) {
                written.add(stored.invitation());
            }
        });
        assertEquals(2, written.size(), "the dying attempt wrote both");
        Invitation ann = written.stream().filter(i -> i.name().equals("Ann")).findFirst().orElseThrow();
        Invitation bob = written.stream().filter(i -> i.name().equals("Bob")).findFirst().orElseThrow();
        pipeline.pipeline().invitations().markRevoked(ann.token(), Instant.now());
        assertEquals(Registration.REGISTERED, pipeline.pipeline().registry().register(bob, "laptop", "Laptop", Instant.now()));

        assertEquals(List.of(), pipeline.worker().handleRequest(eventOf(chunk), null).getBatchItemFailures());
        assertTrue(pipeline.pipeline().invitations().find(ann.token()).orElseThrow().revoked(), "still revoked");
        assertEquals(Registration.LIMIT_REACHED,
                pipeline.pipeline().registry().register(bob, "phone", "Phone", Instant.now()),
                "Bob's laptop still counts against his MaxDevices 1: the allowance was not written again");
        Finished done = finishWithRealHandlers(upload);
        assertEquals(2, done.batch().counts().succeeded());
    }

    @Test
    void duplicateDeliveryOfAChunkCountsItOnce() throws Exception {
        int before = batches.invitationCount();
        S3Event upload = batches.upload("incoming/create/duplicate-delivery.csv", rows("Dup", 250), Map.of());
        pipeline.deliver(upload);
        List<Message> messages = receiveChunks(upload, 3);
        SQSEvent event = eventOf(messages);
        assertEquals(List.of(), pipeline.worker().handleRequest(event, null).getBatchItemFailures());
        assertEquals(List.of(), pipeline.worker().handleRequest(event, null).getBatchItemFailures(),
                "the same messages again (the ack was lost)");
        Finished done = finishWithRealHandlers(upload);
        assertExactlyOnce(done, 250, 36);
        assertEquals(before + 250 - 36, batches.invitationCount(), "no invitation created twice");
    }

    @Test
    void chunksThatExhaustTheirReceivesKeepWhatTheyCreatedAndARedriveCountsNothingTwice() throws Exception {
        int before = batches.invitationCount();
        S3Event upload = batches.upload("incoming/create/poison.csv", rows("Poison", 120), Map.of());
        pipeline.deliver(upload);
        // Every attempt writes the invitations, then dies before counting: the worst case for leftovers.
        FaultyBatchStore alwaysDying = new FaultyBatchStore(pipeline.pipeline().batches(),
                FaultyBatchStore.Step.BEFORE_RECORD_CHUNK, Integer.MAX_VALUE);
        WorkerHandler dying = workerOver(alwaysDying);
        String dlq = pipeline.resources().chunkDlqUrl();
        List<String> deadBodies = new java.util.ArrayList<>();
        try (SqsEventSource workers = new SqsEventSource(pipeline.clients().sqs(),
                pipeline.resources().config().chunkQueueUrl(), 10, 2, dying, "dying-worker")) {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                pipeline.clients().sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .visibilityTimeout(0)).messages().stream().map(Message::body)
                        .filter(body -> body.contains(TestBatches.sourceOf(upload).batchId()))
                        .filter(body -> !deadBodies.contains(body)).forEach(deadBodies::add);
                return deadBodies.size() >= 2;
            });
        }
        assertEquals(2, deadBodies.size(), "both chunks reached the dead-letter queue");

        try (SqsEventSource deadLetters = new SqsEventSource(pipeline.clients().sqs(), dlq, 10, 1,
                pipeline.deadLetters(), "dead-letter");
             SqsEventSource aggregator = new SqsEventSource(pipeline.clients().sqs(),
                     pipeline.resources().config().completionQueueUrl(), 1, 1, pipeline.aggregator(), "aggregator")) {
            Finished done = batches.awaitFinished(upload, Duration.ofSeconds(60));
            assertEquals(120, done.batch().counts().processed());
            assertEquals(17, done.batch().counts().failed(), "only the bad rows: what the attempts created is kept");
            assertEquals(120, done.rows().size());
            assertTrue(done.rows().stream().allMatch(r -> r[8].equals("Success") || r[9].contains("'bogus'")),
                    done.rows().get(3)[9]);
        }
        assertEquals(before + 103, batches.invitationCount(), "each Success row's invitation, none removed");

        // An operator redrives the dead letters into the work queue: nothing is counted twice.
        for (String body : deadBodies) {
            pipeline.clients().sqs().sendMessage(b -> b.queueUrl(pipeline.resources().config().chunkQueueUrl())
                    .messageBody(body));
        }
        List<Message> redriven = receiveChunks(upload, 2);
        assertEquals(List.of(), pipeline.worker().handleRequest(eventOf(redriven), null).getBatchItemFailures());
        var batch = pipeline.pipeline().batches().find(TestBatches.sourceOf(upload).batchId()).orElseThrow();
        assertEquals(120, batch.counts().processed());
        assertEquals(17, batch.counts().failed());
        assertEquals(before + 103, batches.invitationCount());
    }

    @ParameterizedTest
    @EnumSource(FaultyBatchStore.Step.class)
    void workerDyingPartWayIsRetriedWithoutDoubleCounting(FaultyBatchStore.Step step) throws Exception {
        int before = batches.invitationCount();
        S3Event upload = batches.upload("incoming/create/crash-" + step + ".csv", rows("Crash" + step.ordinal(), 120),
                Map.of());
        pipeline.deliver(upload);
        FaultyBatchStore faulty = new FaultyBatchStore(pipeline.pipeline().batches(), step, 1);
        WorkerHandler dying = workerOver(faulty);
        List<Message> messages = receiveChunks(upload, 2);
        var response = dying.handleRequest(eventOf(messages), null);
        assertEquals(1, response.getBatchItemFailures().size(), "only the crashed message is retried");
        // Nothing is deleted for the failed message: it comes back after its visibility timeout.
        Finished done = finishWithRealHandlers(upload);
        assertExactlyOnce(done, 120, 17);
        assertEquals(before + 120 - 17, batches.invitationCount(), "the retry rewrote the same invitations");
    }
}
