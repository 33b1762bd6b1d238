package io.invitations.local.cli;

import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.pipeline.BatchSplitter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cancel}: stops a running batch, as an object under incoming/cancel/ does on AWS. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Stop a running batch: its chunks not started yet finish at once, their rows Cancelled in the"
                + " results; chunks under way finish as they are. The results file (every row, in input order) and the"
                + " summary still appear, with status CANCELLED, and the command that waits on the batch exits 2."
                + " The invitations already created stay: docs/operations.md says how to revoke them.",
                "Without this command (on AWS): put an empty object incoming/cancel/BATCH_ID in the bucket.",
                "A finished batch is left as it is, and the command says so."},
        footer = {"", "Examples:", "  ./invitations cancel students.csv",
                "  ./invitations cancel b-3f2a9c0e5d7b41a8a6c2e9f01b3d5c7e --stack invitations"})
public final class CancelCommand implements Callable<Integer> {
    private static final Pattern BATCH_ID = Pattern.compile("b-[0-9a-f]{32}");
    /** How long to wait for the pipeline to take the request (the splitter is invoked by the request's event). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Mixin
    private RemoteOptions remote;

    @Parameters(index = "0", paramLabel = "BATCH", description = "A batch id, uploaded key or file name")
    private String batch;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Target target = Target.steering(local, remote)) {
            Optional<StatusCommand.Row> found = StatusCommand.find(target, batch);
            if (found.isEmpty() && !BATCH_ID.matcher(batch).matches()) {
                err.println("error: no batch " + batch + " among the unfinished and finished batches of "
                        + target.description() + " (give its batch id: `status` lists them)");
                return BatchRun.FAILED;
            }
            String batchId = found.map(StatusCommand.Row::batchId).orElse(batch);
            if (found.isPresent() && !isCounting(found.get().state())) {
                out.printf("batch %s (%s) is %s already: nothing to cancel, nothing changed%n", batchId,
                        found.get().source(), found.get().state());
                return BatchRun.ALL_SUCCEEDED;
            }
            Optional<BatchRecord> after = target.batchClient(PATIENCE).cancel(batchId, PATIENCE);
            if (after.isEmpty()) {
                out.printf("cancel requested for batch %s (s3://%s/%s%s): its chunks not started will say Cancelled;"
                        + " `status %s` shows it%n", batchId, target.bucket(), BatchSplitter.CANCEL_PREFIX, batchId,
                        batchId);
            } else if (after.get().isCancelled()) {
                BatchRecord cancelled = after.get();
                out.printf("batch %s (%s) cancelled with %,d of %,d rows counted: its chunks not started finish at"
                                + " once, their rows Cancelled; the results file and summary follow (CANCELLED)%n",
                        batchId, cancelled.source().uri(), cancelled.counts().processed(), cancelled.counts().total());
            } else if (!after.get().status().isCounting()) {
                out.printf("batch %s (%s) had counted every row before the cancel: nothing to cancel, nothing"
                        + " changed (%s)%n", batchId, after.get().source().uri(), after.get().status());
            } else {
                err.printf("error: the cancel request s3://%s/%s%s was not taken within %d s: is the pipeline"
                        + " running?%n", target.bucket(), BatchSplitter.CANCEL_PREFIX, batchId, PATIENCE.toSeconds());
                return BatchRun.FAILED;
            }
            return BatchRun.ALL_SUCCEEDED;
        } catch (Exception e) {
            err.println("error: " + BatchRun.messageOf(e));
            return BatchRun.FAILED;
        }
    }

    /** A state `status` shows (a batch's status, or UPLOAD_FAILED) in which rows are still being counted. */
    private static boolean isCounting(String state) {
        return Arrays.stream(BatchStatus.values()).anyMatch(status -> status.isCounting() && status.name().equals(state));
    }
}
