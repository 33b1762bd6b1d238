package io.invitations.local.cli;

import io.invitations.batch.BatchKind;
import io.invitations.batch.ExportOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code batch-export}: every active invitation, for distribution. */
@Command(name = "batch-export", mixinStandardHelpOptions = true,
        description = "Export all active invitations (not expired, not revoked) in the create results format, "
                + "Valid Days being the whole days left.",
        footer = {"", "Exit status: 0 the export was written, 2 it failed.",
                "", "Example:", "  ./invitations batch-export --output-file distribution.csv --include-encoded",
                "", "Against a deployed stack (or --bucket B [--endpoint-url U]):",
                "  ./invitations batch-export --output-file distribution.csv --bucket invitations-0f3c... --profile admin"})
public final class BatchExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private OutputOptions output;

    @Option(names = "--output-file", defaultValue = "invitations-export.csv",
            description = "Where to save the export (default: ${DEFAULT-VALUE})")
    private Path outputFile;

    @Option(names = "--include-encoded", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Include encoded invitations (default: ${DEFAULT-VALUE})")
    private boolean includeEncoded;

    @Override
    public Integer call() {
        return BatchRun.execute(spec, local, remote, output, BatchKind.EXPORT, null,
                new ExportOptions(includeEncoded), outputFile, false);
    }
}
