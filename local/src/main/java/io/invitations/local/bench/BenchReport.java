package io.invitations.local.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints a benchmark's table, then its one-line summary: {@code bench: rows=... cost_usd_per_million=...}. */
public final class BenchReport {
    private static final long MILLION = 1_000_000;

    private BenchReport() {
    }

    public static void print(Benchmark.Result r, PrintWriter out) {
        Benchmark.Settings s = r.settings();
        double perThousand = 1000.0 / s.rows();
        CostModel.Cost pipeline = CostModel.pipeline(r.counts(), r.lambdaInvocations(), r.handlerSeconds(),
                Benchmark.FUNCTION_MEMORY_MB, s.rows(), MILLION);
        CostModel.Cost floor = CostModel.writeFloor(r.floorWriteUnitsPerRow(), MILLION);
        double workerSecondsPerChunk = r.workerSeconds() / Math.max(1, (s.rows() + s.rowsPerChunk() - 1)
                / s.rowsPerChunk());
        CostModel.Cost map = CostModel.distributedMap(r.floorWriteUnitsPerRow(), workerSecondsPerChunk,
                Benchmark.FUNCTION_MEMORY_MB, 100, MILLION);

        out.printf(Locale.ROOT, "%nbench: %s, %,d rows, %d rows per chunk, %d workers, state %s, latency %s%n",
                s.kind().name().toLowerCase(Locale.ROOT), s.rows(), s.rowsPerChunk(), s.concurrency(),
                s.onDisk() ? "on disk" : "in memory", s.latency());
        out.printf(Locale.ROOT, "  %-44s %12.1f s%n", "pipeline, upload to results file", r.seconds());
        out.printf(Locale.ROOT, "  %-44s %12.0f rows/s%n", "pipeline rate", r.rowsPerSecond());
        out.printf(Locale.ROOT, "  %-44s %12.0f rows/s%n", "ceiling (same items, batch writes)",
                r.ceilingRowsPerSecond());
        Benchmark.Phases phases = r.phases();
        out.printf(Locale.ROOT, "  %-44s %12.1f s%n", "  splitter started, file read: registered at", phases.registered());
        out.printf(Locale.ROOT, "  %-44s %12.1f s%n", "  workers first invoked at", phases.workersStarted());
        out.printf(Locale.ROOT, "  %-44s %12.1f s (%.0f rows/s while counting)%n", "  last rows counted at",
                phases.allCounted(), r.countingRowsPerSecond());
        out.printf(Locale.ROOT, "  %-44s %12.1f s%n", "  results and summary written at", phases.finished());
        out.printf(Locale.ROOT, "  %-44s %12d / %d ms%n", "a chunk: median / worst", r.chunkMillis().median(),
                r.chunkMillis().max());
        out.printf(Locale.ROOT, "  %-44s %12d / %d ms (timeout %d ms)%n", "a worker invocation: median / worst",
                r.invocationMillis().median(), r.invocationMillis().max(), r.timeoutMillis());
        out.printf(Locale.ROOT, "  %-44s %12.1f MB (cap %d MB)%n", "splitter peak heap", r.splitterPeakHeapMb(),
                s.splitterHeapMb());
        out.printf(Locale.ROOT, "  %-44s %12d / %d / %d%n", "invocations: splitter / worker / aggregator", 1,
                r.workerInvocations(), r.aggregatorInvocations());
        out.printf(Locale.ROOT, "  %-44s %12.1f / %.1f / %.1f s%n", "handler time: splitter / worker / aggregator",
                r.splitterSeconds(), r.workerSeconds(), r.aggregatorSeconds());
        out.printf(Locale.ROOT, "  %-44s %12.3f (floor %.3f)%n", "DynamoDB write units per row",
                r.counts().writeUnits() / s.rows(), r.floorWriteUnitsPerRow());
        out.printf(Locale.ROOT, "  %-44s %12.3f%n", "DynamoDB read units per row", r.counts().readUnits() / s.rows());
        out.println("  requests (counted by an SDK interceptor):");
        for (Map.Entry<String, Long> request : new TreeMap<>(r.counts().requests()).entrySet()) {
            out.printf(Locale.ROOT, "    %-42s %12d  (%.2f per 1,000 rows)%n", request.getKey(), request.getValue(),
                    request.getValue() * perThousand);
        }
        out.println("  cost of 1,000,000 rows on AWS, us-east-1 on-demand (USD):");
        out.printf(Locale.ROOT, "    %-16s %12s %12s %14s%n", "", "this pipeline", "write floor", "SFN Dist. Map");
        row(out, "Lambda", pipeline.lambda(), floor.lambda(), map.lambda());
        row(out, "SQS", pipeline.sqs(), floor.sqs(), map.sqs());
        row(out, "DynamoDB", pipeline.dynamodb(), floor.dynamodb(), map.dynamodb());
        row(out, "S3", pipeline.s3(), floor.s3(), map.s3());
        row(out, "Step Functions", pipeline.stepFunctions(), floor.stepFunctions(), map.stepFunctions());
        row(out, "total", pipeline.total(), floor.total(), map.total());
        CostModel.KeyRequests key = CostModel.keyRequests(r.counts(), r.seconds(), s.rows(), MILLION);
        out.println("  the stack's KMS key (CustomerManagedKey), 1,000,000 rows, beside the total above:");
        out.printf(Locale.ROOT, "    %-52s %,10.0f requests  %8.4f USD%n",
                "if no key were reused (one per request counted)", key.unreused(), key.unreusedCost());
        out.printf(Locale.ROOT, "    %-52s %,10.0f requests  %8.4f USD%n",
                "as the stack reuses keys (Bucket Key, SQS, DynamoDB)", key.reused(), key.reusedCost());
        out.printf(Locale.ROOT, "bench: rows=%d seconds=%.1f rows_per_s=%.0f ceiling_rows_per_s=%.0f ratio=%.2f "
                        + "ddb_write_units_per_row=%.3f sqs_requests_per_1000_rows=%.2f "
                        + "lambda_invocations_per_1000_rows=%.2f splitter_peak_heap_mb=%.1f cost_usd_per_million=%.2f "
                        + "state=%s counting_rows_per_s=%.0f kms_requests_per_million_unreused=%.0f "
                        + "kms_requests_per_million_reused=%.0f external_ids=%s kind=%s latency_ms=%d "
                        + "chunk_ms_median=%d chunk_ms_max=%d invocation_ms_max=%d timeout_ms=%d%n",
                s.rows(), r.seconds(), r.rowsPerSecond(), r.ceilingRowsPerSecond(),
                r.rowsPerSecond() / r.ceilingRowsPerSecond(), r.counts().writeUnits() / s.rows(),
                r.counts().requests("Sqs") * perThousand, r.lambdaInvocations() * perThousand,
                r.splitterPeakHeapMb(), pipeline.total(), s.onDisk() ? "disk" : "memory", r.countingRowsPerSecond(),
                key.unreused(), key.reused(), s.externalIds(), s.kind().name().toLowerCase(Locale.ROOT),
                s.latency().millis(), r.chunkMillis().median(), r.chunkMillis().max(), r.invocationMillis().max(),
                r.timeoutMillis());
        out.flush();
    }

    private static void row(PrintWriter out, String name, double pipeline, double floor, double map) {
        out.printf(Locale.ROOT, "    %-16s %12.4f %12.4f %14.4f%n", name, pipeline, floor, map);
    }
}
