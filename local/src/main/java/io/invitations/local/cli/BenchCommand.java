package io.invitations.local.cli;

import io.invitations.local.bench.BenchReport;
import io.invitations.local.bench.Benchmark;
import io.invitations.local.bench.CommandLatency;
import io.invitations.local.bench.Latency;
import io.invitations.batch.BatchKind;
import io.invitations.stack.StackSettings;
import io.invitations.stack.Template;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: a generated batch through the whole pipeline, measured and priced. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generates a create file of N rows, runs it through the whole pipeline on fresh in-memory "
                + "(or, with --on-disk, on-disk) embedded servers (the real handlers; the splitter in its own JVM "
                + "with a capped heap), and "
                + "reports speed against the raw DynamoDB write ceiling, counted API calls, and the AWS cost.",
                "The last line is machine-readable: bench: rows=... seconds=... (see docs/performance.md).",
                "With --commands, measures instead how long the everyday commands take, as run from a shell."},
        footer = {"", "Examples:", "  ./invitations bench --rows 100000",
                "  ./invitations bench --rows 20000 --on-disk",
                "  ./invitations bench --rows 20000 --external-ids", "  ./invitations bench --commands",
                "  ./invitations bench --rows 1000000 --concurrency 8",
                "  ./invitations bench --rows 20000 --latency-ms 10",
                "  ./invitations bench --rows 20000 --kind accept --latency-ms 30"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows in the generated file (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--chunk-size",
            description = "Rows per work message, as the RowsPerChunk parameter (default: the template's)")
    Integer chunkSize;

    @Option(names = "--concurrency", defaultValue = "5",
            description = "Concurrent workers, as WorkerConcurrency (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--splitter-heap-mb", defaultValue = "128",
            description = "Maximum heap of the splitter's JVM (default: ${DEFAULT-VALUE})")
    int splitterHeapMb;

    @Option(names = "--on-disk", description = "The servers' state in a fresh data directory, as the commands keep"
            + " it, instead of in memory: the on-disk rate and ceiling")
    boolean onDisk;

    @Option(names = "--external-ids", description = "Give every generated row an External Id (each written with its"
            + " claim, in a transaction): what a provisioning system's roster costs")
    boolean externalIds;

    @Option(names = "--kind", defaultValue = "create", description = "The batch measured: create, accept or revoke"
            + " (an accept or revoke takes the results of a create of as many rows, run first) (default:"
            + " ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Wait this long before every request of the"
            + " pipeline and of the ceiling, as AWS's round trip would (default: ${DEFAULT-VALUE}: none)")
    int latencyMs;

    @Option(names = "--tail-share", defaultValue = "0.01", description = "With --latency-ms: the share of requests"
            + " that wait --tail-multiple times as long (default: ${DEFAULT-VALUE})")
    double tailShare;

    @Option(names = "--tail-multiple", defaultValue = "5", description = "With --latency-ms: how much longer the"
            + " tail's requests wait (default: ${DEFAULT-VALUE})")
    int tailMultiple;

    @Option(names = "--commands", description = "Measure the wall time of validate, batch-create (the 3-row "
            + "sample), status and devices as run from a shell: through the background server, then with none"
            + " running (each in its own process, as the first command after an idle time)")
    boolean commands;

    @Option(names = "--runs", defaultValue = "5",
            description = "With --commands: runs of each command, of which the median is reported (default: "
                    + "${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (commands) {
            if (runs < 1) {
                err.println("error: --runs must be positive");
                return BatchRun.FAILED;
            }
            CommandLatency.Result latency = CommandLatency.measure(Template.repository(), runs, line -> {
                err.println(line);
                err.flush();
            });
            out.println(latency.line());
            return BatchRun.ALL_SUCCEEDED;
        }
        int rowsPerChunk = chunkSize != null ? chunkSize : StackSettings.template().rowsPerChunk();
        if (rows < 1 || rowsPerChunk < 1 || rowsPerChunk > 1000 || concurrency < 1 || concurrency > 100) {
            err.println("error: --rows must be positive, --chunk-size 1..1000, --concurrency 1..100");
            return BatchRun.FAILED;
        }
        Optional<BatchKind> measured = Optional.ofNullable(kind).map(k -> k.toUpperCase(Locale.ROOT))
                .filter(k -> List.of("CREATE", "ACCEPT", "REVOKE").contains(k)).map(BatchKind::valueOf);
        if (measured.isEmpty() || latencyMs < 0 || tailShare < 0 || tailShare > 1 || tailMultiple < 1) {
            err.println("error: --kind must be create, accept or revoke; --latency-ms 0 or more; --tail-share 0..1;"
                    + " --tail-multiple 1 or more");
            return BatchRun.FAILED;
        }
        Latency latency = latencyMs == 0 ? Latency.NONE : new Latency(latencyMs, tailShare, tailMultiple);
        Benchmark.Result result = Benchmark.run(new Benchmark.Settings(rows, rowsPerChunk, concurrency, splitterHeapMb,
                onDisk, externalIds, measured.get(), latency),
                line -> {
                    err.println(line);
                    err.flush();
                });
        BenchReport.print(result, out);
        if (result.succeededRows() != rows) {
            err.printf("error: %,d of %,d rows succeeded%n", result.succeededRows(), rows);
            return BatchRun.SOME_FAILED;
        }
        return BatchRun.ALL_SUCCEEDED;
    }
}
