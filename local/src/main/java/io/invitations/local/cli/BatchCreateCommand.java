package io.invitations.local.cli;

import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.local.runtime.LocalBatches;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code batch-create}: the seed's command, through the whole serverless pipeline. */
@Command(name = "batch-create", mixinStandardHelpOptions = true,
        description = "Create invitations from a CSV file (Name,Type,ValidDays,CanInvite,Transferable,"
                + "DeviceBound,MaxDevices) and save the results CSV.",
        footer = {"", "Exit status: 0 every row succeeded, 1 some rows failed, 2 the batch or command failed.",
                "", "Example:", "  ./invitations batch-create --csv-file students.csv "
                + "--output-file class_invitations.csv --include-encoded"})
public final class BatchCreateCommand implements Callable<Integer> {
    static final int ALL_SUCCEEDED = 0;
    static final int SOME_FAILED = 1;
    static final int FAILED = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--csv-file", required = true, description = "CSV file with the invitations to create")
    private Path csvFile;

    @Option(names = "--output-file", description = "Where to save the results (default: <csv-file>-results.csv)")
    private Path outputFile;

    @Option(names = "--has-header", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Whether the CSV has a header row (default: ${DEFAULT-VALUE})")
    private boolean hasHeader;

    @Option(names = "--include-encoded", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Include encoded invitations in the results (default: ${DEFAULT-VALUE})")
    private boolean includeEncoded;

    @Option(names = "--parent-token", defaultValue = "", description = "Parent invitation token")
    private String parentToken;

    @Option(names = "--s3-config", defaultValue = "", description = "S3 path to shared configuration")
    private String s3Config;

    @Option(names = "--concurrency", defaultValue = "5",
            description = "Concurrent workers, as the function's reserved concurrency (default: ${DEFAULT-VALUE})")
    private int concurrency;

    @Option(names = "--data-dir", defaultValue = ".invitations",
            description = "Where the local state is kept (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(csvFile)) {
            err.println("error: no such file: " + csvFile);
            return FAILED;
        }
        if (concurrency < 1 || concurrency > 100) {
            err.println("error: --concurrency must be between 1 and 100");
            return FAILED;
        }
        Path results = outputFile != null ? outputFile : defaultResultsFile(csvFile);
        BatchOptions options = new BatchOptions(hasHeader, includeEncoded, parentToken.strip(), s3Config.strip());
        LocalSettings settings = LocalSettings.template().withWorkerConcurrency(concurrency);
        long started = System.nanoTime();
        ProgressLine progress = new ProgressLine(err, started);
        try (LocalPipeline pipeline = LocalPipeline.start(dataDir, settings)) {
            pipeline.startEventSources();
            LocalBatches.Outcome outcome = new LocalBatches(pipeline,
                    Duration.ofSeconds(settings.chunkVisibilityTimeoutSeconds() + 60L))
                    .runCreate(csvFile, options, results, progress::update);
            progress.finish();
            BatchSummary summary = outcome.summary();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (summary.error() != null) {
                err.println("error: the batch failed: " + summary.error());
                return FAILED;
            }
            out.printf("batch-create: %s, %d rows: %d succeeded, %d failed in %.1f s; results: %s%n",
                    summary.status(), summary.total(), summary.succeeded(), summary.failed(), seconds, results);
            return summary.failed() == 0 ? ALL_SUCCEEDED : SOME_FAILED;
        } catch (Exception e) {
            progress.finish();
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        }
    }

    /** {@code students.csv} -> {@code students-results.csv}, beside it (the same rule as in S3). */
    static Path defaultResultsFile(Path csvFile) {
        String name = ResultKeys.forSource("incoming/" + csvFile.getFileName()).results().substring("results/".length());
        return csvFile.toAbsolutePath().resolveSibling(name);
    }

    /** A progress line on stderr, shown once a batch takes longer than a moment. */
    private static final class ProgressLine {
        private final PrintWriter err;
        private final long started;
        private boolean shown;

        ProgressLine(PrintWriter err, long started) {
            this.err = err;
            this.started = started;
        }

        void update(long processed, long total, long failed) {
            double seconds = (System.nanoTime() - started) / 1e9;
            if (seconds < 2 || total == 0) {
                return;
            }
            err.printf("\r%,d / %,d rows (%d%%), %,d failed, %,.0f rows/s   ", processed, total,
                    processed * 100 / total, failed, processed / seconds);
            err.flush();
            shown = true;
        }

        void finish() {
            if (shown) {
                err.println();
                shown = false;
            }
        }
    }
}
