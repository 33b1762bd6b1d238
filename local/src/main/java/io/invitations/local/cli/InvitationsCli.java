package io.invitations.local.cli;

import io.invitations.local.operations.LocalLogs;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** {@code ./invitations}: the product's commands, run on embedded AWS-compatible servers. */
@Command(name = "invitations", mixinStandardHelpOptions = true, version = "invitations 1.0",
        description = "Batch invitations: the serverless pipeline, run locally on embedded AWS-compatible servers.")
public final class InvitationsCli {
    /** Every command; package-private for the test that holds the launcher to their kinds. */
    static final List<Class<?>> COMMANDS = List.of(BatchCreateCommand.class, BatchAcceptCommand.class,
            BatchExportCommand.class, BatchRevokeCommand.class, DevicesCommand.class, ValidateCommand.class,
            ServeCommand.class, StopCommand.class, InvokeCommand.class, StatusCommand.class, CancelCommand.class,
            BenchCommand.class, ColdStartsCommand.class, SimulateCommand.class);

    /** The command line of a process of its own: it also chooses the process's logging for the command. */
    public static void main(String[] args) {
        CommandLine cli = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        cli.setExecutionStrategy(InvitationsCli::withProcessLogging);
        System.exit(cli.execute(args));
    }

    /** Runs a command line in this process, as it is, writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, args).execute(args);
    }

    /**
     * The command line for {@code args}: with only the command they name, when they name one (picocli reads every
     * option of every command it is given, a fifth of a short command's time), else with all of them (for the
     * usage, or an error suggesting the nearest). The embedded servers log through java.util.logging at INFO;
     * the command line speaks for itself.
     */
    private static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        // DynamoDB Local's sqlite4java warns that it cannot tell its version from a jar not named as its own
        // (invitations.jar): nothing for the command's user. Filtered where it is printed, as DynamoDB Local sets
        // the levels of sqlite4java's loggers itself.
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFilter(log -> !String.valueOf(log.getMessage()).contains("unknown jar version"));
        }
        CommandLine cli = new CommandLine(new InvitationsCli());
        Optional<Class<?>> named = COMMANDS.stream().filter(command -> args.length > 0
                && command.getAnnotation(Command.class).name().equals(args[0])).findFirst();
        for (Class<?> command : named.map(List::<Class<?>>of).orElse(COMMANDS)) {
            cli.addSubcommand(command.getAnnotation(Command.class).name(), command);
        }
        // After the subcommands: picocli gives the streams to the commands it has.
        return cli.setOut(out).setErr(err);
    }

    private static int withProcessLogging(ParseResult parsed) {
        List<CommandLine> commands = parsed.asCommandLineList();
        LocalLogs.forProcess(!(commands.get(commands.size() - 1).getCommand() instanceof RunsNoFunctions));
        return new CommandLine.RunLast().execute(parsed);
    }
}
