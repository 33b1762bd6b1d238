package io.invitations.local.cli;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchStatus;
import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.json.Json;
import io.invitations.local.client.AccessDenied;
import io.invitations.local.client.BatchClient;
import io.invitations.stack.StackSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one batch for a command and reports it: a summary (a line, or JSON), and the exit status. */
final class BatchRun {
    static final int ALL_SUCCEEDED = 0;
    static final int SOME_FAILED = 1;
    static final int FAILED = 2;

    /** A batch whose chunks are retried for their whole budget still counts a row within this time. */
    private static final Duration STALL_TIMEOUT =
            Duration.ofSeconds(StackSettings.template().chunkVisibilityTimeoutSeconds() + 60L);

    private BatchRun() {
    }

    /** {@code csvFile} null for an export; {@code newBatch}: run a repeated file anew. */
    static int execute(CommandSpec spec, LocalOptions local, RemoteOptions remote, OutputOptions output,
                       BatchKind kind, Path csvFile, BatchOptions options, Path resultsFile, boolean newBatch) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String command = spec.name();
        if (csvFile != null && !Files.isRegularFile(csvFile)) {
            err.println("error: no such file: " + csvFile);
            return FAILED;
        }
        long started = System.nanoTime();
        // A progress line redraws itself with \r: only worth it on a terminal, and only for people.
        ProgressLine progress = new ProgressLine(System.console() != null && !output.quiet && !output.json
                ? System.err : null, started);
        try (Target target = Target.open(local, remote)) {
            BatchClient.Outcome outcome = target.batchClient(STALL_TIMEOUT).run(kind, csvFile, options, newBatch,
                    resultsFile, new BatchClient.Progress() {
                        @Override
                        public void update(long processed, long total, long failed) {
                            progress.update(processed, total, failed);
                        }

                        @Override
                        public void countsUnavailable(String why) {
                            if (!output.quiet && !output.json) {
                                err.println("note: " + why);
                            }
                        }
                    });
            progress.finish();
            BatchSummary summary = outcome.summary();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (output.json) {
                out.println(json(command, summary, outcome.resultsFile().orElse(null), seconds));
            }
            if (summary.error() != null) {
                err.println("error: the batch failed: " + summary.error());
                return FAILED;
            }
            if (!output.json && !output.quiet) {
                out.printf("%s: %s, %d rows: %d succeeded, %d failed in %.1f s; results: %s%n", command,
                        summary.status(), summary.total(), summary.succeeded(), summary.failed(), seconds,
                        resultsFile);
                if (summary.repeats() != null) {
                    out.printf("  the same file as batch %s: nothing was done again, these are its results (--new-batch"
                            + " runs it anew)%n", summary.repeats());
                }
            }
            if (summary.status() == BatchStatus.CANCELLED) {
                err.println("error: the batch was cancelled: the rows of chunks not started then say Cancelled in the"
                        + " results; the invitations it created stay (to revoke them: docs/operations.md, \"Undo a"
                        + " wrong batch\")");
                return FAILED;
            }
            return summary.failed() == 0 ? ALL_SUCCEEDED : SOME_FAILED;
        } catch (Exception e) {
            progress.finish();
            err.println("error: " + messageOf(e));
            return FAILED;
        }
    }

    private static String json(String command, BatchSummary summary, Path resultsFile, double seconds) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("command", command);
            SummaryJson.writeFields(g, summary);
            g.writeNumberField("seconds", Math.round(seconds * 10) / 10.0);
            g.writeStringField("resultsFile", resultsFile == null ? null : resultsFile.toString());
            g.writeEndObject();
        });
    }

    /** An exception as one line for an admin. */
    static String messageOf(Exception e) {
        if (AccessDenied.is(e)) {
            return AccessDenied.explain(e);
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** {@code students.csv} -> {@code students-results.csv}, beside it (the same rule as in S3). */
    static Path resultsBeside(Path csvFile) {
        String name = ResultKeys.forSource("incoming/" + csvFile.getFileName()).results().substring("results/".length());
        return csvFile.toAbsolutePath().resolveSibling(name);
    }

    /**
     * The batch's progress as a bar on stderr (me.tongfei:progressbar), shown only on a terminal (null: none) and
     * once a batch takes longer than a moment: rows counted of the total, failures, rate.
     */
    private static final class ProgressLine {
        private final PrintStream err;
        private final long started;
        private ProgressBar bar;

        ProgressLine(PrintStream err, long started) {
            this.err = err;
            this.started = started;
        }

        void update(long processed, long total, long failed) {
            if (err == null || System.nanoTime() - started < 2_000_000_000L) {
                return;
            }
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("rows").setInitialMax(-1).showSpeed()
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                        .setUpdateIntervalMillis(250).build();
            }
            if (total == 0) {
                bar.setExtraMessage(" waiting for the results");
            } else {
                bar.maxHint(total);
                bar.stepTo(processed);
                bar.setExtraMessage(String.format(" %,d failed", failed));
            }
        }

        void finish() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
