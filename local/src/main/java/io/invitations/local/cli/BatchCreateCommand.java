package io.invitations.local.cli;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.CreateOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code batch-create}: the seed's command, through the whole serverless pipeline. */
@Command(name = "batch-create", mixinStandardHelpOptions = true,
        description = "Create invitations from a CSV file (Name,Type,ValidDays,CanInvite,Transferable,"
                + "DeviceBound,MaxDevices) and save the results CSV.",
        footer = {"", "Exit status: 0 every row succeeded, 1 some rows failed, 2 the batch or command failed.",
                "", "Example:", "  ./invitations batch-create --csv-file students.csv "
                + "--output-file class_invitations.csv --include-encoded",
                "", "Against a deployed stack (or --bucket B [--endpoint-url U]):",
                "  ./invitations batch-create --csv-file students.csv --stack invitations --region eu-west-1 --json"})
public final class BatchCreateCommand implements Callable<Integer> {
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

    @Option(names = "--include-encoded", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "Include encoded invitations in the results (default: ${DEFAULT-VALUE})")
    private boolean includeEncoded;

    @Option(names = "--parent-token", defaultValue = "", description = "Parent invitation token")
    private String parentToken;

    @Option(names = "--s3-config", defaultValue = "", description = "S3 path to shared configuration")
    private String s3Config;

    @Override
    public Integer call() {
        BatchOptions options = new CreateOptions(input.hasHeader, includeEncoded, parentToken, s3Config);
        return BatchRun.execute(spec, local, remote, output, BatchKind.CREATE, input.csvFile, options, input.resultsFile(),
                input.newBatch);
    }
}
