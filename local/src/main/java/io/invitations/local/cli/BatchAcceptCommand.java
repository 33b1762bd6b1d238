package io.invitations.local.cli;

import io.invitations.batch.AcceptOptions;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code batch-accept}: accept encoded invitations for this (or a named) device. */
@Command(name = "batch-accept", mixinStandardHelpOptions = true,
        description = "Accept the encoded invitations of a CSV file (a create results file made with "
                + "--include-encoded, or an export file): one profile per row, the device bound to the invitation.",
        footer = {"", "Exit status: 0 every row succeeded, 1 some rows failed, 2 the batch or command failed.",
                "", "Example:", "  ./invitations batch-accept --csv-file team_invitations.csv --name-prefix \"Team\" "
                + "--has-header",
                "", "Against a deployed stack (or --bucket B [--endpoint-url U]):",
                "  ./invitations batch-accept --csv-file distribution.csv --name-prefix Team --stack invitations"})
public final class BatchAcceptCommand implements Callable<Integer> {
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

    @Option(names = "--name-prefix", defaultValue = "", description = "Prefix for the created profile names")
    private String namePrefix;

    @Option(names = "--device-id", description = "The accepting device (default: this machine's id, kept in "
            + "the data directory); a Device Id column overrides it per row")
    private String deviceId;

    @Override
    public Integer call() throws IOException {
        BatchOptions options = new AcceptOptions(input.hasHeader, namePrefix,
                deviceId != null ? deviceId : local.deviceId());
        return BatchRun.execute(spec, local, remote, output, BatchKind.ACCEPT, input.csvFile, options, input.resultsFile(),
                input.newBatch);
    }
}
