package io.invitations.local.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

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

    private BackgroundServer() {
    }

    /**
     * How to start one, from the launcher's environment: the command that runs the launcher, the build it runs
     * (a server of another build is replaced), and how long the server stays without use.
     */
    public record Launcher(List<String> command, String build, Duration idle) {
        /** Set by the launcher: its own path, and an id of its build. */
        public static final String COMMAND = "INVITATIONS_LAUNCHER";
        public static final String BUILD = "INVITATIONS_BUILD";
        /** {@code off}: no background server; each command starts what it needs in its own process. */
        public static final String SWITCH = "INVITATIONS_SERVER";
        public static final String IDLE_SECONDS = "INVITATIONS_SERVER_IDLE_SECONDS";
        public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

        /** Empty outside the launcher (as in tests run in-process), or with {@code INVITATIONS_SERVER=off}. */
        public static Optional<Launcher> fromEnvironment(Map<String, String> env) {
            if (!env.containsKey(COMMAND) || "off".equalsIgnoreCase(env.getOrDefault(SWITCH, ""))) {
                return Optional.empty();
            }
            Duration idle = Optional.ofNullable(env.get(IDLE_SECONDS)).map(Long::parseLong).map(Duration::ofSeconds)
                    .orElse(DEFAULT_IDLE);
            return Optional.of(new Launcher(List.of(env.get(COMMAND)), env.getOrDefault(BUILD, ""), idle));
        }
    }

    /**
     * Starts a server on {@code dataDir} in the background, for the commands that follow, and returns at once:
     * the command that calls this has finished its own work, in its own process, and released the data directory.
     * A server that cannot start (another process took the data directory first) says why in its log and exits.
     */
    public static void start(Path dataDir, int workers, Launcher launcher) throws IOException {
        Path log = dataDir.resolve(LOG);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        // A session of its own: the terminal's Ctrl-C (sent to the foreground process group) leaves it running.
        if (onPath("setsid")) {
            command.add("setsid");
        }
        command.addAll(launcher.command());
        command.addAll(List.of("serve", "--background", "--port", "0", "--concurrency", String.valueOf(workers),
                "--idle-seconds", String.valueOf(launcher.idle().toSeconds()),
                "--data-dir", dataDir.toAbsolutePath().toString()));
        Process server = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        // Said now, not when its JVM is up: a command arriving meanwhile waits for it (setsid and the launcher
        // exec the JVM: the process keeps its id).
        LocalServer.markStarting(dataDir, server.pid());
    }

    /**
     * Stops a running server as Ctrl-C would (it lets the invocations under way finish; queued rows resume on the
     * next start), and waits for its process to end.
     */
    public static void stop(LocalServer.Info server) throws Exception {
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
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
