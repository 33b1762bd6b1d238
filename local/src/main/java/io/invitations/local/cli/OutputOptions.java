package io.invitations.local.cli;

import picocli.CommandLine.Option;

/** How a batch command reports: a line for people (default), JSON for scripts, or nothing but errors. */
final class OutputOptions {
    @Option(names = "--json", description = "Print the summary as one JSON object (for scripts)")
    boolean json;

    @Option(names = "--quiet", description = "Print nothing but errors (the exit status tells the outcome)")
    boolean quiet;
}
