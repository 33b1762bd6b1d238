package io.invitations.local.cli;

import io.invitations.local.operations.LocalLogs;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ./invitations}: the product's commands, run on embedded AWS-compatible servers. */
@Command(name = "invitations", mixinStandardHelpOptions = true, version = "invitations 1.0",
        description = "Batch invitations: the serverless pipeline, run locally on embedded AWS-compatible servers.",
        subcommands = {BatchCreateCommand.class, BatchAcceptCommand.class, BatchExportCommand.class,
                BatchRevokeCommand.class, DevicesCommand.class, ValidateCommand.class, ServeCommand.class, InvokeCommand.class, StatusCommand.class,
                BenchCommand.class, ColdStartsCommand.class, SimulateCommand.class})
public final class InvitationsCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing to the given streams, and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        quietLibraries();
        return new CommandLine(new InvitationsCli()).setOut(out).setErr(err).execute(args);
    }

    /**
     * The embedded servers log at INFO; the command line speaks for itself. The functions' JSON lines go to the
     * data directory's log file once a pipeline starts (see {@link LocalLogs}), never to the console unasked.
     */
    private static void quietLibraries() {
        Logger.getLogger("").setLevel(Level.WARNING);
        LocalLogs.configure(null, false, org.apache.logging.log4j.Level.INFO);
    }
}
