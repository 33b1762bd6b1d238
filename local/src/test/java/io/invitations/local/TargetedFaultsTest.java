package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
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

/** A fault at one precise point of a handler's work, through the real SDK calls. */
class TargetedFaultsTest {
    private static final FaultInjector FAULTS = new FaultInjector(1);
    private static LocalPipeline pipeline;

    private TestBatches batches;

    @BeforeAll
    static void start() throws Exception {
        pipeline = LocalPipeline.start(null, StackSettings.template().withVisibilityTimeouts(1, 1), Clock.systemUTC(),
                FAULTS);
        pipeline.startEventSources();
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
        StringBuilder csv = new StringBuilder("Name,Type\n");
        for (int i = 0; i < count; i++) {
            csv.append(prefix).append(' ').append(i).append(",rw\n");
        }
        return csv.toString();
    }

    /** The splitter runs on a thread named as the fault injector expects; Lambda retries it on failure. */
    private static List<String> deliverOnSplitterThread(S3Event event) throws Exception {
        List<String>[] outcome = new List[1];
        Thread splitter = new Thread(() -> outcome[0] = pipeline.deliver(event), "splitter");
        splitter.start();
        splitter.join();
        return outcome[0];
    }

    private static void assertEachRowOnce(Finished done, int rows, String prefix) {
        assertEquals(rows, done.batch().counts().processed());
        assertEquals(rows, done.rows().size());
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            assertEquals(prefix + " " + i, done.rows().get(i)[0]);
            assertTrue(tokens.add(done.rows().get(i)[2]));
        }
    }

    @Test
    void splitterDyingHalfWayIsRetriedWithTheSameEventAndTheBatchCompletesOnce() throws Exception {
        int before = batches.invitationCount();
        S3Event event = batches.upload("incoming/create/split-crash.csv", rows("Split", 2_500), Map.of());
        // 25 chunks go out in 3 requests: the second is sent, then the splitter "dies" before hearing back.
        FAULTS.failOnce("SendMessageBatchRequest", 2, true);
        assertEquals(List.of("QUEUED incoming/create/split-crash.csv"), deliverOnSplitterThread(event));
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(120));
        assertEachRowOnce(done, 2_500, "Split");
        assertEquals(before + 2_500, batches.invitationCount(), "re-queued chunks created nothing twice");
    }

    @Test
    void aggregatorDyingMidMultipartUploadLeavesOneCompleteObjectAndNoOrphanedUpload() throws Exception {
        // About 12 MB of results with encoded data: two parts of a multipart upload.
        S3Event event = batches.upload("incoming/create/big-results.csv", rows("Part", 25_000),
                Map.of("include-encoded", "true"));
        FAULTS.failOnce("UploadPartRequest", 1, true);
        deliverOnSplitterThread(event);
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(180));
        assertEachRowOnce(done, 25_000, "Part");
        assertEquals(List.of(), pipeline.clients().s3().listMultipartUploads(b -> b.bucket(pipeline.resources().bucket()))
                .uploads(), "the failed upload was aborted");
    }

    @Test
    void theSameKeyUploadedTwiceMakesTwoBatchesAndTheSameEventTwiceMakesOne() throws Exception {
        S3Event first = batches.upload("incoming/create/twice-uploaded.csv", rows("First", 3), Map.of());
        S3Event second = batches.upload("incoming/create/twice-uploaded.csv", rows("Second", 4), Map.of());
        assertNotEquals(TestBatches.sourceOf(first).batchId(), TestBatches.sourceOf(second).batchId());
        deliverOnSplitterThread(first);
        assertEquals(List.of("DUPLICATE incoming/create/twice-uploaded.csv"), deliverOnSplitterThread(first));
        Finished one = batches.awaitFinished(first, Duration.ofSeconds(60));
        assertEquals(3, one.batch().counts().total());
        deliverOnSplitterThread(second);
        Finished two = batches.awaitFinished(second, Duration.ofSeconds(60));
        assertEquals(4, two.batch().counts().total());
        assertEquals("Second 0", two.rows().get(0)[0], "the results key now holds the second upload's results");
    }

    @Test
    void anUploadDeletedBeforeItsEventArrivesFailsItsBatchSayingSo() throws Exception {
        S3Event event = batches.upload("incoming/create/deleted-before.csv", rows("Gone", 2), Map.of());
        var source = TestBatches.sourceOf(event);
        pipeline.clients().s3().deleteObject(b -> b.bucket(source.bucket()).key(source.key())
                .versionId(source.versionId().isEmpty() ? null : source.versionId()));
        deliverOnSplitterThread(event);
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
        assertTrue(done.batch().error().contains("was replaced or deleted before it could be read"),
                done.batch().error());
    }

    @Test
    void anAggregationTriggeredTwiceWritesTheSameOutputsOnce() throws Exception {
        S3Event event = batches.upload("incoming/create/aggregate-twice.csv", rows("Twice", 5), Map.of());
        deliverOnSplitterThread(event);
        Finished first = batches.awaitFinished(event, Duration.ofSeconds(60));
        var completion = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        completion.setMessageId("again");
        completion.setBody(first.batch().batchId());
        var again = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        again.setRecords(List.of(completion));
        assertEquals(List.of(), pipeline.aggregator().handleRequest(again, null).getBatchItemFailures());
        Finished second = batches.awaitFinished(event, Duration.ofSeconds(60));
        assertEquals(first.summaryJson(), second.summaryJson());
        assertEquals(first.batch().times().finished(), second.batch().times().finished(), "not written a second time");
    }

    @Test
    void aFileOverTheRowLimitFailsAsAWholeSayingWhatToDo(@TempDir Path scratch) throws Exception {
        try (LocalPipeline limited = LocalPipeline.start(null, StackSettings.template().withMaxRows(1_000))) {
            TestBatches small = new TestBatches(limited, scratch);
            S3Event ok = small.upload("incoming/create/at-limit.csv", rows("Limit", 1_000), Map.of());
            limited.deliver(ok);
            assertEquals(null, limited.pipeline().batches().find(TestBatches.sourceOf(ok).batchId()).orElseThrow().error());
            S3Event over = small.upload("incoming/create/over-limit.csv", rows("Over", 1_001), Map.of());
            limited.deliver(over);
            var batch = limited.pipeline().batches().find(TestBatches.sourceOf(over).batchId()).orElseThrow();
            assertEquals("the file has 1001 rows, more than the 1000 a batch may have: split it into several files",
                    batch.error());
        }
    }
}
