package io.invitations.local.cli;

import io.invitations.batch.BatchKind;
import io.invitations.batch.RevokeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code batch-revoke}: revoke the invitations whose tokens a CSV lists. */
@Command(name = "batch-revoke", mixinStandardHelpOptions = true,
        description = "Revoke invitations listed by a Token column: later accepts fail, exports leave them out, "
                + "their devices are de-registered.",
        footer = {"", "Exit status: 0 every row succeeded, 1 some rows failed, 2 the batch or command failed.",
                "", "Example:", "  ./invitations batch-revoke --csv-file leavers.csv",
                "", "Against a deployed stack (or --bucket B [--endpoint-url U]):",
                "  ./invitations batch-revoke --csv-file leavers.csv --stack invitations --quiet"})
public final class BatchRevokeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private OutputOptions output;

    @Mixin
    private CsvInputOptions input;

    @Override
    public Integer call() {
        return BatchRun.execute(spec, local, remote, output, BatchKind.REVOKE, input.csvFile,
                new RevokeOptions(input.hasHeader), input.resultsFile(), input.newBatch);
    }
}
