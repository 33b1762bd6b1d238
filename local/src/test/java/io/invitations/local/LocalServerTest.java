package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static io.invitations.local.runtime.EmbeddedServers.freePort;
import static io.invitations.local.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchRecord;
import io.invitations.local.client.BatchClient;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalServer;
import io.invitations.stack.StackSettings;
import io.invitations.local.runtime.SplitterFailures;
import io.invitations.splitter.SplitterHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * The local server: a batch interrupted with its rows still queued resumes on the next start, exactly once;
 * and every batch command, {@code status} and {@code invoke} work against it and against a bucket given by
 * {@code --bucket --endpoint-url}, with {@code --json} and {@code --quiet}.
 */
class LocalServerTest {
    private static final String HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n";

    @Test
    void aBatchInterruptedWithRowsQueuedResumesOnTheNextStart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 450; i++) {
            csv.append("Row ").append(i).append(",read_only\n");
        }
        Path file = Files.writeString(dir.resolve("interrupted.csv"), csv);
        String batchId;
        // Split and queued, then stopped before any worker ran: the queues (in memory) are lost.
        try (LocalPipeline pipeline = LocalPipeline.start(data, StackSettings.template())) {
            var event = pipeline.upload("incoming/create/interrupted.csv", file, Map.of());
            pipeline.deliver(event);
            batchId = SplitterHandler.sourceOf(event.getRecords().get(0)).batchId();
            assertEquals(0, pipeline.pipeline().batches().find(batchId).orElseThrow().counts().processed());
        }
        try (LocalServer server = LocalServer.start(data, freePort(), StackSettings.template())) {
            assertEquals(1, server.resumed());
            BatchRecord finished = new BatchClient(server.pipeline().clients().s3(),
                    server.pipeline().resources().bucket(), server.pipeline().pipeline().batches(), null,
                    Duration.ofSeconds(120)).await(batchId, (done, total, failed) -> { });
            assertEquals(450, finished.counts().succeeded());
            assertEquals(450, finished.counts().processed(), "each row counted once");
            String results = new String(server.pipeline().clients().s3().getObjectAsBytes(b -> b
                    .bucket(server.pipeline().resources().bucket()).key("results/create/interrupted-results.csv"))
                    .asByteArray(), StandardCharsets.UTF_8);
            List<String[]> rows = TestBatches.parseCsv(results);
            Set<String> tokens = new HashSet<>();
            rows.subList(1, rows.size()).forEach(row -> tokens.add(row[2]));
            assertEquals(450, tokens.size());
        }
    }

    /**
     * An upload whose splitter fails every attempt (here its first S3 call always fails) is retried as Lambda
     * retries asynchronous invocations, then kept in the splitter's failure queue as Lambda's on-failure
     * destination record; {@code status} shows it, and why.
     */
    @Test
    void anUploadTheSplitterGivesUpOnIsKeptAndShownByStatus(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        AtomicInteger heads = new AtomicInteger();
        ExecutionInterceptor splitterDies = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof HeadObjectRequest head && head.key().contains("splitter-dies")) {
                    heads.incrementAndGet();
                    throw new IllegalStateException("injected: the splitter's container died");
                }
            }
        };
        try (LocalServer server = LocalServer.start(data, freePort(), StackSettings.template(), splitterDies)) {
            server.pipeline().clients().s3().putObject(b -> b.bucket("invitations-local")
                    .key("incoming/create/splitter-dies.csv"), RequestBody.fromString(HEADER + "Ann,read_only\n"));
            SplitterFailures failures = server.pipeline().splitterFailures();
            await().atMost(Duration.ofSeconds(30)).until(() -> failures.count() > 0);
            assertEquals(3, heads.get(), "one attempt and Lambda's two retries");
            List<SplitterFailures.FailedUpload> failed = failures.peek();
            assertEquals(1, failed.size());
            assertEquals("incoming/create/splitter-dies.csv", failed.get(0).upload().key());
            assertEquals(3, failed.get(0).attempts());
            assertTrue(failed.get(0).error().contains("injected: the splitter's container died"), failed.get(0).error());
            assertEquals(1, failures.peek().size(), "peeking leaves the record for re-driving");

            CliRun status = run("status", "--data-dir", data.toString());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("UPLOAD_FAILED"), status.out());
            assertTrue(status.out().contains("s3://invitations-local/incoming/create/splitter-dies.csv"), status.out());
            CliRun one = run("status", "splitter-dies.csv", "--data-dir", data.toString());
            assertEquals(0, one.exit(), one.err());
            assertTrue(one.out().contains("state      UPLOAD_FAILED"), one.out());
            assertTrue(one.out().contains("the splitter failed 3 times"), one.out());
        }
    }

    @Test
    void commandsRunThroughTheServerAndAgainstABucketByEndpoint(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        try (LocalServer server = LocalServer.start(data, port, StackSettings.template())) {
            Path team = Files.writeString(dir.resolve("team.csv"), HEADER + "Ann,read_write,30,no,no,yes,2\nBad,root\n");
            // --json: one object, for scripts; the exit status still says some rows failed.
            CliRun json = run("batch-create", "--csv-file", team.toString(), "--bucket", "invitations-local",
                    "--endpoint-url", endpoint, "--json");
            assertEquals(1, json.exit(), json.err());
            assertTrue(json.out().startsWith("{\"command\":\"batch-create\","), json.out());
            assertTrue(json.out().contains("\"status\":\"COMPLETED\",\"total\":2,\"succeeded\":1,\"failed\":1"),
                    json.out());
            assertTrue(json.out().contains("\"results\":\"results/create/team-results.csv\""), json.out());
            String token = TestBatches.parseCsv(Files.readString(dir.resolve("team-results.csv"))).get(1)[2];

            // --quiet: nothing on stdout; through the server found on the data directory.
            CliRun quiet = run("batch-export", "--output-file", dir.resolve("export.csv").toString(),
                    "--data-dir", data.toString(), "--quiet");
            assertEquals(0, quiet.exit(), quiet.err());
            assertEquals("", quiet.out());
            assertTrue(Files.readString(dir.resolve("export.csv")).contains(token));

            CliRun devices = run("devices", "--token", token, "--data-dir", data.toString());
            assertTrue(devices.out().startsWith("Ann (read_write), 0 of 2 devices"), devices.out() + devices.err());
            CliRun noTables = run("devices", "--token", token, "--bucket", "invitations-local", "--endpoint-url", endpoint);
            assertEquals(2, noTables.exit());
            assertTrue(noTables.err().contains("give --stack NAME"), noTables.err());

            CliRun status = run("status", "--data-dir", data.toString());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().startsWith("STATE"), status.out());
            assertTrue(status.out().contains("s3://invitations-local/incoming/create/team.csv"), status.out());
            CliRun one = run("status", "team.csv", "--bucket", "invitations-local", "--endpoint-url", endpoint);
            assertEquals(0, one.exit(), one.err());
            assertTrue(one.out().contains("rows       2 of 2 counted: 1 succeeded, 1 failed"), one.out());
            assertEquals(2, run("status", "nothing-like-this.csv", "--data-dir", data.toString()).exit());

            // The data directory is the server's while it runs.
            CliRun invoke = run("invoke", "sweeper", "--event", "../events/scheduled-sweep.json", "--data-dir",
                    data.toString());
            assertEquals(2, invoke.exit());
            assertTrue(invoke.err().contains("`invitations serve` is running"), invoke.err());
        }
        assertFalse(Files.exists(data.resolve("serve.properties")), "a stopped server is not found by commands");
    }

    @Test
    void serveSaysSoWhenItsPortIsTaken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun serve = run("serve", "--port", String.valueOf(taken.getLocalPort()), "--data-dir",
                    dir.resolve("data").toString());
            assertEquals(2, serve.exit());
            assertEquals("error: port " + taken.getLocalPort() + " is in use on 127.0.0.1: stop what uses it, or pick"
                    + " another with --port\n", serve.err());
        }
        assertFalse(Files.exists(dir.resolve("data/serve.properties")));
    }

    @Test
    void invokeRunsOneHandlerOnASampleEvent(@TempDir Path dir) {
        String data = dir.resolve("data").toString();
        CliRun sweep = run("invoke", "sweeper", "--event", "../events/scheduled-sweep.json", "--data-dir", data);
        assertEquals(0, sweep.exit(), sweep.err());
        assertEquals("0", sweep.out().strip(), "nothing stalled in a new state");
        CliRun split = run("invoke", "splitter", "--event", "../events/s3-object-created-create.json", "--data-dir", data);
        assertEquals(0, split.exit(), split.err());
        assertEquals("[\"REJECTED incoming/create/Class of 2026/students.csv\"]", split.out().strip(),
                "the event names an object this state does not hold");
        CliRun aggregate = run("invoke", "aggregator", "--event", "../events/sqs-completion.json", "--data-dir", data);
        assertEquals(0, aggregate.exit(), aggregate.err());
        assertTrue(aggregate.out().contains("\"batchItemFailures\":[{\"itemIdentifier\":\"0f8e6c3a-"),
                "an unknown batch's notice is reported for a retry: " + aggregate.out());
        CliRun unknown = run("invoke", "mailer", "--event", "../events/scheduled-sweep.json", "--data-dir", data);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("splitter, worker, dead-letter, aggregator, sweeper"), unknown.err());
    }
}
