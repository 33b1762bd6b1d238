package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.local.bench.ApiCounts;
import io.invitations.local.bench.BenchReport;
import io.invitations.batch.BatchKind;
import io.invitations.local.bench.Benchmark;
import io.invitations.local.bench.Latency;
import io.invitations.local.bench.CommandLatency;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark on 1,000 rows: its counts agree with what the pipeline must do, and its last line parses. */
class BenchCommandTest {
    private static final Pattern LAST_LINE = Pattern.compile("bench: rows=(\\d+) seconds=([\\d.]+) rows_per_s=(\\d+) "
            + "ceiling_rows_per_s=(\\d+) ratio=([\\d.]+) ddb_write_units_per_row=([\\d.]+) "
            + "sqs_requests_per_1000_rows=([\\d.]+) lambda_invocations_per_1000_rows=([\\d.]+) "
            + "splitter_peak_heap_mb=([\\d.]+) cost_usd_per_million=([\\d.]+) state=(memory|disk) "
            + "counting_rows_per_s=(\\d+) kms_requests_per_million_unreused=(\\d+) "
            + "kms_requests_per_million_reused=(\\d+) external_ids=(true|false) kind=(create|accept|revoke) "
            + "latency_ms=(\\d+) chunk_ms_median=(\\d+) chunk_ms_max=(\\d+) invocation_ms_max=(\\d+) "
            + "timeout_ms=(\\d+)");

    @Test
    void countsWhatOneThousandRowsCost() throws Exception {
        List<String> log = new ArrayList<>();
        Benchmark.Result result = Benchmark.run(new Benchmark.Settings(1000, 100, 2, 128, false, false,
                BatchKind.CREATE, Latency.NONE), log::add);

        assertEquals(1000, result.succeededRows());
        // The ceiling writes 2 items of under 1 KB per row, 25 to a BatchWriteItem: DynamoDB bills 1 unit each.
        assertEquals(2000.0, result.ceilingCounts().writeUnits(), 0.001);
        assertEquals(80, result.ceilingCounts().request("DynamoDb.BatchWriteItem"));
        assertEquals(2.0, result.floorWriteUnitsPerRow(), 0.001);
        // The pipeline writes the same items, plus per chunk one transaction (results + counters, 2 units per
        // item per KB): 10 chunks cost at least 40 more units, and the bookkeeping stays under 25% of the floor.
        double extra = result.counts().writeUnits() - 2000;
        assertTrue(extra >= 40 && extra <= 500, "bookkeeping write units: " + extra);
        assertTrue(result.counts().request("DynamoDb.BatchWriteItem") >= 80);
        assertTrue(result.counts().request("DynamoDb.TransactWriteItems") >= 10);
        // 10 chunks, 10 to a SendMessageBatch: one send; the splitter's requests are counted in its own JVM.
        assertEquals(1, result.counts().request("Sqs.SendMessageBatch"));
        assertEquals(2, result.counts().request("S3.GetObject"), "the splitter reads the file twice");
        assertTrue(result.workerInvocations() >= 1 && result.workerInvocations() <= 10);
        assertEquals(1, result.aggregatorInvocations());
        assertTrue(result.splitterPeakHeapMb() > 0 && result.splitterPeakHeapMb() < 128);
        Benchmark.Phases phases = result.phases();
        assertTrue(0 < phases.registered() && phases.registered() <= phases.workersStarted()
                && phases.workersStarted() <= phases.allCounted() && phases.allCounted() <= phases.finished()
                && phases.finished() <= result.seconds(), phases.toString());

        StringWriter out = new StringWriter();
        BenchReport.print(result, new PrintWriter(out));
        String[] lines = out.toString().strip().split("\n");
        Matcher last = LAST_LINE.matcher(lines[lines.length - 1]);
        assertTrue(last.matches(), lines[lines.length - 1]);
        assertEquals("1000", last.group(1));
        assertEquals(result.counts().writeUnits() / 1000, Double.parseDouble(last.group(6)), 0.001);
        assertEquals("memory", last.group(11));
        assertEquals(Math.round(result.countingRowsPerSecond()), Long.parseLong(last.group(12)));
        assertTrue(out.toString().contains("SFN Dist. Map"), out.toString());
        // The key, if nothing were reused: a KMS request per DynamoDB request, SQS send or receive, and S3 object
        // read or write, scaled from 1,000 rows to a million; with the stack's reuse, far fewer.
        ApiCounts counts = result.counts();
        long touching = counts.requests("DynamoDb") + counts.request("Sqs.SendMessage")
                + counts.request("Sqs.SendMessageBatch") + counts.request("Sqs.ReceiveMessage")
                + counts.request("S3.GetObject") + counts.request("S3.PutObject")
                + counts.request("S3.CreateMultipartUpload") + counts.request("S3.UploadPart")
                + counts.request("S3.CompleteMultipartUpload");
        assertEquals(touching * 1000, Long.parseLong(last.group(13)));
        assertTrue(Long.parseLong(last.group(14)) * 10 < Long.parseLong(last.group(13)), lines[lines.length - 1]);
        assertEquals("false", last.group(15));
        assertEquals("create", last.group(16));
        assertEquals("0", last.group(17));
        assertEquals(result.chunkMillis().median(), Long.parseLong(last.group(18)));
        assertTrue(Long.parseLong(last.group(18)) <= Long.parseLong(last.group(19)));
        assertTrue(Long.parseLong(last.group(19)) <= Long.parseLong(last.group(20)), "a chunk within its invocation");
        assertEquals(60_000, Long.parseLong(last.group(21)), "the template's worker timeout");
    }

    /**
     * An accept batch, every request 20 ms late: the rows of the create run first (without the wait) are accepted,
     * and each chunk and invocation took at least one round trip.
     */
    @Test
    void measuresAnAcceptBatchAtAGivenLatency() throws Exception {
        Benchmark.Result result = Benchmark.run(new Benchmark.Settings(200, 100, 2, 128, false, false,
                BatchKind.ACCEPT, new Latency(20, 0, 1)), line -> { });
        assertEquals(200, result.succeededRows());
        assertTrue(result.chunkMillis().median() >= 20, "a chunk waits at least one round trip: "
                + result.chunkMillis());
        assertTrue(result.invocationMillis().max() >= result.chunkMillis().max(), result.invocationMillis() + " "
                + result.chunkMillis());
        assertTrue(result.ceilingRowsPerSecond() > 0);
    }

    /** With External Ids each row is one transaction of its claim and invitation (2 units an item) and its allowance. */
    @Test
    void countsWhatExternalIdsCost() throws Exception {
        Benchmark.Result result = Benchmark.run(new Benchmark.Settings(200, 100, 2, 128, false, true,
                BatchKind.CREATE, Latency.NONE), line -> { });
        assertEquals(200, result.succeededRows());
        long transactions = result.counts().request("DynamoDb.TransactWriteItems");
        assertTrue(transactions >= 202 && transactions <= 206,
                "a transaction per row, besides each chunk's counting (one or two each): " + transactions);
        double perRow = result.counts().writeUnits() / 200;
        assertTrue(perRow >= 5.0 && perRow < 5.5, "write units per row: " + perRow);
    }

    @Test
    void theCommandsLineNamesEachMedianForScripts() {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("batch-create", 2.345);
        medians.put("first status", 0.5);
        assertEquals("bench: commands runs=5 batch_create_s=2.35 first_status_s=0.50",
                new CommandLatency.Result(5, medians).line());
    }
}
