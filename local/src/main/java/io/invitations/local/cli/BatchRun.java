package io.invitations.local.cli;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.local.runtime.LocalBatches;
import io.invitations.local.runtime.LocalPipeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one batch for a command and reports it: a one-line summary, and the exit status. */
final class BatchRun {
    static final int ALL_SUCCEEDED = 0;
    static final int SOME_FAILED = 1;
    static final int FAILED = 2;

    private BatchRun() {
    }

    /** {@code csvFile} null for an export. */
    static int execute(CommandSpec spec, LocalOptions local, BatchKind kind, Path csvFile, BatchOptions options,
                       Path resultsFile) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String command = spec.name();
        if (csvFile != null && !Files.isRegularFile(csvFile)) {
            err.println("error: no such file: " + csvFile);
            return FAILED;
        }
        long started = System.nanoTime();
        // A progress line redraws itself with \r: only worth it on a terminal.
        ProgressLine progress = new ProgressLine(System.console() != null ? err : null, started);
        try (LocalPipeline pipeline = local.start()) {
            pipeline.startEventSources();
            LocalBatches.Outcome outcome = new LocalBatches(pipeline,
                    Duration.ofSeconds(local.settings().chunkVisibilityTimeoutSeconds() + 60L))
                    .run(kind, csvFile, options, resultsFile, progress::update);
            progress.finish();
            BatchSummary summary = outcome.summary();
            if (summary.error() != null) {
                err.println("error: the batch failed: " + summary.error());
                return FAILED;
            }
            out.printf("%s: %s, %d rows: %d succeeded, %d failed in %.1f s; results: %s%n", command,
                    summary.status(), summary.total(), summary.succeeded(), summary.failed(),
                    (System.nanoTime() - started) / 1e9, resultsFile);
            return summary.failed() == 0 ? ALL_SUCCEEDED : SOME_FAILED;
        } catch (Exception e) {
            progress.finish();
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        }
    }

    /** {@code students.csv} -> {@code students-results.csv}, beside it (the same rule as in S3). */
    static Path resultsBeside(Path csvFile) {
        String name = ResultKeys.forSource("incoming/" + csvFile.getFileName()).results().substring("results/".length());
        return csvFile.toAbsolutePath().resolveSibling(name);
    }

    /** A progress line on stderr (null: none), shown once a batch takes longer than a moment. */
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
            if (err == null || seconds < 2 || total == 0) {
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
