package io.invitations.local.runtime;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server a command leaves running in the background when it found none on its data directory, so that the
 * commands after it skip the embedded servers' start, as Gradle's daemon does for builds: {@code serve
 * --background}, run by the same launcher in a session of its own (Ctrl-C on a command does not reach it), its
 * output in the data directory's {@code logs/server.log}. It stops itself once no command has used it, and no
 * message has been queued, for its idle time. The command that finds none runs in its own process as before and
 * starts one on its way out: no command waits for a server it started (one arriving while it starts waits).
 */
public final class BackgroundServer {
    public static final String LOG = "logs/server.log";
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Path SHELL = Path.of("/bin/sh");
    private static final String UNSUPPORTED_SAID = "logs/no-background-server";

    private BackgroundServer() {
    }

    /**
     * How to start one: the command that runs the command line again (the launcher script, or {@code java -jar}
     * with this process's jar), the build it runs (a server of another build is replaced), and how long the server
     * stays without use.
     */
    public record Launcher(List<String> command, String build, Duration idle) {
        /** Set by the launcher script: its own path (it starts the server with its JVM options). */
        public static final String COMMAND = "INVITATIONS_LAUNCHER";
        /** The build, where the command line runs from classes rather than a jar (tests). */
        public static final String BUILD = "INVITATIONS_BUILD";
        /** {@code off}: no background server; each command starts what it needs in its own process. */
        public static final String SWITCH = "INVITATIONS_SERVER";
        public static final String IDLE_SECONDS = "INVITATIONS_SERVER_IDLE_SECONDS";
        public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

        /** This process's: its environment, and the jar it runs from (if any). */
        public static Optional<Launcher> ofThisProcess() {
            return of(System.getenv(), runningJar());
        }

        /**
         * Empty where nothing can start the command line again (run in-process from classes, as tests do), or
         * with {@code INVITATIONS_SERVER=off}.
         */
        public static Optional<Launcher> of(Map<String, String> env, Optional<Path> jar) {
            if ("off".equalsIgnoreCase(env.getOrDefault(SWITCH, ""))) {
                return Optional.empty();
            }
            List<String> command;
            if (env.containsKey(COMMAND)) {
                command = List.of(env.get(COMMAND));
            } else if (jar.isPresent()) {
                command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        jar.get().toString());
            } else {
                return Optional.empty();
            }
            Duration idle = DEFAULT_IDLE;
            if (env.containsKey(IDLE_SECONDS)) {
                try {
                    idle = Duration.ofSeconds(Long.parseUnsignedLong(env.get(IDLE_SECONDS).strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(IDLE_SECONDS + " must be a whole number of seconds, not \""
                            + env.get(IDLE_SECONDS) + "\"");
                }
            }
            return Optional.of(new Launcher(command, build(env, jar), idle));
        }

        /** The build this process runs, with or without a background server. */
        public static String thisBuild() {
            return build(System.getenv(), runningJar());
        }

        /** The jar's size and time (each build rewrites it); from classes, {@code INVITATIONS_BUILD} or "". */
        static String build(Map<String, String> env, Optional<Path> jar) {
            if (jar.isEmpty()) {
                return env.getOrDefault(BUILD, "");
            }
            try {
                return Files.size(jar.get()) + "-" + Files.getLastModifiedTime(jar.get()).toMillis();
            } catch (IOException e) {
                return "";
            }
        }

        /** The jar this command line was loaded from; empty when it runs from classes. */
        private static Optional<Path> runningJar() {
            try {
                Path location = Path.of(BackgroundServer.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI());
                return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
            } catch (URISyntaxException | SecurityException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Whether a server can be started in the background here: it takes a POSIX shell ({@code /bin/sh}, on Linux
     * and macOS), which detaches it from the command's terminal. Elsewhere (Windows) every command runs in its
     * own process.
     */
    public static boolean supported() {
        return Files.isExecutable(SHELL);
    }

    /** True the first time it is asked for a data directory: where {@link #supported()} is false, said once. */
    public static boolean saidUnsupported(Path dataDir) throws IOException {
        Path said = dataDir.resolve(UNSUPPORTED_SAID);
        if (Files.exists(said)) {
            return false;
        }
        Files.createDirectories(said.getParent());
        Files.writeString(said, "no /bin/sh: no background server\n");
        return true;
    }

    /** How long it stays without use, as said to a person: "15 minutes", "30 seconds". */
    public static String describe(Duration idle) {
        return idle.toSeconds() % 60 == 0 ? idle.toMinutes() + " minutes" : idle.toSeconds() + " seconds";
    }

    /**
     * Starts a server on {@code dataDir} in the background, for the commands that follow, and returns at once:
     * the command that calls this has finished its own work, in its own process, and released the data directory.
     * A server that cannot start (another process took the data directory first) says why in its log and exits.
     */
    public static void start(Path dataDir, int workers, Launcher launcher) throws IOException, InterruptedException {
        Path log = dataDir.resolve(LOG);
        Files.createDirectories(log.getParent());
        // Started by a shell that returns at once with its id: a child of this JVM still running at its exit
        // would hold a thread in waitpid, which the JVM's exit waits 0.3 s for. In a session of its own (setsid)
        // the terminal's Ctrl-C does not reach it; without setsid, a shell's background command ignores it.
        List<String> command = new ArrayList<>(List.of(SHELL.toString(), "-c", "trap '' HUP; "
                + (onPath("setsid") ? "setsid " : "") + "\"$@\" </dev/null >>\"$0\" 2>&1 & echo $!", log.toString()));
        command.addAll(launcher.command());
        command.addAll(List.of("serve", "--background", "--port", "0", "--concurrency", String.valueOf(workers),
                "--idle-seconds", String.valueOf(launcher.idle().toSeconds()),
                "--data-dir", dataDir.toAbsolutePath().toString()));
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        String pid = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (shell.waitFor() != 0 || !pid.matches("[0-9]+")) {
            throw new IOException("could not start a background server: " + pid);
        }
        // Said now, not when its JVM is up: a command arriving meanwhile waits for it (setsid and the launcher
        // exec the JVM: the process keeps this id).
        ServerState.markStarting(dataDir, Long.parseLong(pid));
    }

    /**
     * Stops a running server as Ctrl-C would (it lets the invocations under way finish; queued rows resume on the
     * next start), and waits for its process to end.
     */
    public static void stop(ServerState.Info server) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(server.pid());
        if (process.isEmpty()) {
            return;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.get().destroyForcibly();
            process.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
