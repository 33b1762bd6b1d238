package io.invitations.local.cli;

import io.invitations.local.operations.LocalLogs;
import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.BackgroundServer;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalServer;
import io.invitations.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command shares: where the local state lives, and how many workers run. */
final class LocalOptions {
    static final String DEFAULT_DATA_DIR = ".invitations";
    /** How long a command waits for a server starting on its data directory. */
    private static final Duration SERVER_START = Duration.ofMinutes(2);

    /** The command these options are mixed into. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR,
            description = "Where the local state is kept (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--concurrency", defaultValue = "5",
            description = "Concurrent workers, as the function's reserved concurrency (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--verbose", description = "The functions' JSON log lines on stderr too (they are always in "
            + "logs/functions.log of the data directory)")
    boolean verbose;

    StackSettings settings() {
        if (concurrency < 1 || concurrency > 100) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 100");
        }
        return StackSettings.template().withWorkerConcurrency(concurrency);
    }

    /**
     * The server the command goes through: the one running (or starting) on the data directory. A background
     * server that does not fit the command (see {@link #fits}) is stopped. Empty: the command runs in this process.
     */
    Optional<ServerState.Info> server() throws Exception {
        Optional<ServerState.Info> running = ServerState.awaitRunningOn(dataDir, SERVER_START);
        if (running.isPresent() && running.get().origin().background() && !fits(running.get())) {
            BackgroundServer.stop(running.get());
            return Optional.empty();
        }
        if (running.isPresent()) {
            ServerState.markUsed(dataDir);
        }
        return running;
    }

    /** The command running the pipeline in its own process on the data directory, if one is (waited for while it starts). */
    Optional<ServerState.Info> command() throws Exception {
        return ServerState.commandOn(dataDir, SERVER_START);
    }

    /**
     * A background server fits a command of the launcher's build, with the same worker concurrency, that does not
     * ask for {@code --verbose} (the functions' log lines are shown by a pipeline in this process).
     */
    private boolean fits(ServerState.Info server) {
        String build = BackgroundServer.Launcher.thisBuild();
        return !verbose && server.workers() == concurrency && (build.isEmpty() || build.equals(server.origin().build()));
    }

    /**
     * What a command opened in this process ({@link #server()} was empty), closed by closing it and then, run by
     * the launcher or a jar, starting a background server for the commands that follow (where a POSIX shell can
     * detach one; elsewhere, said once per data directory, every command runs in its own process).
     */
    AutoCloseable inProcess(AutoCloseable opened) {
        return () -> {
            opened.close();
            Optional<BackgroundServer.Launcher> launcher = BackgroundServer.Launcher.ofThisProcess();
            if (launcher.isPresent() && BackgroundServer.supported()) {
                notice(String.format("a server now starts in the background on %s, for the commands that follow"
                        + " (it stops after %s without use, or with `./invitations stop`)", dataDir,
                        BackgroundServer.describe(launcher.get().idle())));
                BackgroundServer.start(dataDir, concurrency, launcher.get());
            } else if (launcher.isPresent() && BackgroundServer.saidUnsupported(dataDir)) {
                notice("no background server on this system (it needs /bin/sh): every command starts the embedded"
                        + " servers in its own process, a few seconds each");
            }
        };
    }

    /**
     * The data directory for this process alone: a background server on it is stopped first (the next command
     * starts another); refused while {@code serve} runs on it.
     */
    void takeOver() throws Exception {
        Optional<ServerState.Info> running = ServerState.awaitRunningOn(dataDir, SERVER_START);
        if (running.isPresent() && running.get().origin().background()) {
            BackgroundServer.stop(running.get());
        } else if (running.isPresent()) {
            throw new IllegalStateException("`invitations serve` is running on " + dataDir + ": stop it (Ctrl-C)"
                    + " first, or give another --data-dir");
        }
    }

    /** The pipeline in this process, on the data directory taken over first (see {@link #takeOver()}). */
    LocalPipeline start() throws Exception {
        takeOver();
        return pipeline();
    }

    /**
     * The pipeline in this process, on the data directory, where {@link #server()} found no server to use; while it
     * runs, {@code status} and {@code cancel} from another terminal go through it ({@link #command()}).
     */
    LocalPipeline pipeline() throws Exception {
        LocalPipeline pipeline = LocalServer.startForCommand(dataDir, settings());
        echoLogs();
        return pipeline;
    }

    /** A line on stderr, unless the command was asked to be {@code --quiet}. */
    private void notice(String line) {
        if (!command.commandLine().getParseResult().hasMatchedOption("--quiet")) {
            command.commandLine().getErr().println("invitations: " + line);
        }
    }

    /** With {@code --verbose}: the log lines on stderr as well, from now on. */
    void echoLogs() {
        if (verbose) {
            LocalLogs.configure(dataDir, true, Level.INFO);
        }
    }

    /** This machine's device id: made once, then kept in the data directory. */
    String deviceId() throws IOException {
        Path file = dataDir.resolve("device-id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String id = "device-" + HexFormat.of().formatHex(random);
        Files.createDirectories(dataDir);
        Files.writeString(file, id + "\n");
        return id;
    }
}
