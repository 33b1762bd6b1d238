package io.invitations.local.cli;

import io.invitations.csv.CreateFileCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code validate}: check a create file before dropping it; nothing is created, no server is started. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a batch-create CSV against every file and row rule, without creating anything, "
                + "and print each problem with its line.",
        footer = {"", "Exit status: 0 the file would be accepted whole, 1 some rows would fail, 2 the file would "
                + "be refused.", "", "Example:", "  ./invitations validate --csv-file students.csv"})
public final class ValidateCommand implements Callable<Integer>, RunsNoFunctions {
    @Spec
    private CommandSpec spec;

    @Option(names = "--csv-file", required = true, description = "The CSV file to check")
    private Path csvFile;

    @Option(names = "--has-header", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Whether the CSV has a header row (default: ${DEFAULT-VALUE})")
    private boolean hasHeader;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(csvFile)) {
            err.println("error: no such file: " + csvFile);
            return BatchRun.FAILED;
        }
        CreateFileCheck.Report report;
        try (InputStream in = Files.newInputStream(csvFile)) {
            report = CreateFileCheck.check(in, hasHeader);
        }
        report.rowProblems().forEach(out::println);
        if (report.fileProblem() != null) {
            err.println("error: the file would be refused: " + report.fileProblem());
            return BatchRun.FAILED;
        }
        out.printf("validate: %d rows, %d would fail%n", report.rows(), report.rowProblems().size());
        return report.acceptedWhole() ? BatchRun.ALL_SUCCEEDED : BatchRun.SOME_FAILED;
    }
}
