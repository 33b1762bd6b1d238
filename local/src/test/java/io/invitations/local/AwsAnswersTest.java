package io.invitations.local;

import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.sun.net.httpserver.HttpServer;
import io.invitations.aws.AwsClients;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.Operations;
import io.invitations.aws.SummaryJson;
import io.invitations.aws.lambda.LocalContext;
import io.invitations.aws.lambda.Primed;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.memory.ManualClock;
import io.invitations.pipeline.BatchSweeper;
import io.invitations.splitter.SplitterHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Answers AWS gives where the embedded servers answer otherwise, through the real handlers. */
@ExtendWith(SharedPipeline.class)
class AwsAnswersTest {

    /**
     * S3 answers 403 AccessDenied, not 404, for a missing key or version to a reader without s3:ListBucket (the
     * splitter has none). Here S3 is a local HTTP server answering so; the batches table, the queues and the
     * aggregator are the embedded ones.
     */
    @Test
    void anUploadThatS3AnswersWith403ForFailsItsBatchClearly(LocalPipeline pipeline, @TempDir Path scratch)
            throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s3.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                    + "<Message>Access Denied</Message><RequestId>8J2Y0A1QJ5W7</RequestId>"
                    + "<HostId>aGVsbG8=</HostId></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(403, -1);
            } else {
                exchange.sendResponseHeaders(403, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        s3.start();
        try {
            AwsClients.Endpoints real = pipeline.endpoints();
            AwsClients clients = LocalClients.forEndpoints(new AwsClients.Endpoints(
                    URI.create("http://127.0.0.1:" + s3.getAddress().getPort()), real.dynamo(), real.sqs()),
                    null, AwsClients.Http.URL_CONNECTION);
            SplitterHandler splitter = new SplitterHandler(Primed.unprimed(new AwsPipeline(clients,
                    pipeline.resources().config(), Operations.none(), Clock.systemUTC()).services().splitter()));
            TestBatches batches = new TestBatches(pipeline, scratch);
            // Uploaded, then deleted before the splitter reads it.
            S3Event event = batches.upload("incoming/create/deleted-since.csv", "Name,Type\nA,ro\n", Map.of());

            assertEquals(List.of("REJECTED incoming/create/deleted-since.csv"),
                    splitter.handleRequest(event, new LocalContext("splitter")));

            assertFalse(requests.isEmpty());
            assertTrue(requests.stream().allMatch(r -> r.endsWith("/incoming/create/deleted-since.csv")), requests::toString);
            Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
            BatchSummary summary = SummaryJson.read(done.summaryJson());
            assertEquals(BatchStatus.FAILED, summary.status());
            assertTrue(summary.error().contains("could not be read: S3 answered 403 Access Denied"), summary.error());
            assertTrue(summary.error().contains("upload it again"), summary.error());
        } finally {
            s3.stop(0);
        }
    }

    /**
     * A batch whose results cannot be written is restarted by the sweeper a bounded number of times; then it
     * ends FAILED with a summary that says so, and is not restarted again.
     */
    @Test
    void aggregationRestartsAreCappedAndTheBatchEndsFailed(@TempDir Path scratch) throws Exception {
        AtomicInteger refusedWrites = new AtomicInteger();
        ExecutionInterceptor resultsUnwritable = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String key = context.request() instanceof PutObjectRequest put ? put.key()
                        : context.request() instanceof CreateMultipartUploadRequest create ? create.key() : "";
                if (key.endsWith("-results.csv")) {
                    refusedWrites.incrementAndGet();
                    throw new IllegalStateException("injected: the results file cannot be written");
                }
            }
        };
        ManualClock clock = new ManualClock(Instant.now());
        try (LocalPipeline pipeline = LocalPipeline.start(null, StackSettings.template().withVisibilityTimeouts(1, 1),
                clock, resultsUnwritable)) {
            pipeline.startEventSources();
            TestBatches batches = new TestBatches(pipeline, scratch);
            S3Event event = batches.upload("incoming/create/unwritable.csv", "Name,Type\nA,ro\nB,rw\nC,ro\n",
                    Map.of());
            pipeline.deliver(event);
            String batchId = TestBatches.sourceOf(event).batchId();
            awaitAtLeast(refusedWrites, 1);
            assertEquals(0, pipeline.sweep(), "not idle yet");

            for (int restart = 1; restart <= BatchSweeper.MAX_AGGREGATION_RESTARTS; restart++) {
                clock.advance(Duration.ofMinutes(61));
                int before = refusedWrites.get();
                assertEquals(1, pipeline.sweep(), "restart " + restart);
                awaitAtLeast(refusedWrites, before + 1);
                assertEquals(restart, pipeline.pipeline().batches().find(batchId).orElseThrow().aggregationRestarts());
                assertFalse(pipeline.pipeline().batches().find(batchId).orElseThrow().isFinished());
            }
            clock.advance(Duration.ofMinutes(61));
            assertEquals(1, pipeline.sweep(), "the last restart: the batch is failed first");
            Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
            BatchSummary summary = SummaryJson.read(done.summaryJson());
            assertEquals(BatchStatus.FAILED, summary.status());
            assertEquals(3, summary.succeeded(), "the rows were counted as processed");
            assertNull(summary.results());
            assertTrue(summary.error().contains("the results file could not be written"), summary.error());
            assertTrue(summary.error().contains("after " + BatchSweeper.MAX_AGGREGATION_RESTARTS + " restarts"),
                    summary.error());
            assertTrue(batches.read("results/create/unwritable-results.csv").isEmpty());

            clock.advance(Duration.ofMinutes(61));
            assertEquals(0, pipeline.sweep(), "a finished batch is not restarted again");
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int value) {
        await().atMost(Duration.ofSeconds(60)).untilAtomic(counter, greaterThanOrEqualTo(value));
    }
}
