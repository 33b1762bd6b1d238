package io.invitations.local.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input options of the commands that process a CSV file: the file, its header, and where results go. */
final class CsvInputOptions {
    @Option(names = "--csv-file", required = true, description = "The CSV file to process")
    Path csvFile;

    @Option(names = "--output-file", description = "Where to save the results (default: <csv-file>-results.csv)")
    Path outputFile;

    @Option(names = "--has-header", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Whether the CSV has a header row (default: ${DEFAULT-VALUE})")
    boolean hasHeader;

    @Option(names = "--new-batch", description = "Run the file as a batch of its own even if the same file (bytes and"
            + " options) was uploaded within the repeat window, which otherwise answers with that batch's results and"
            + " creates nothing")
    boolean newBatch;

    /** The results file: as given, or beside the input ({@code students.csv} -> {@code students-results.csv}). */
    Path resultsFile() {
        return outputFile != null ? outputFile : BatchRun.resultsBeside(csvFile);
    }
}
