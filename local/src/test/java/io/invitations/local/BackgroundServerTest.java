package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.local.cli.InvitationsCli;
import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.BackgroundServer;
import io.invitations.local.runtime.LocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background server, as a user meets it: commands run as processes of their own by a launcher (here a script
 * running this test's class path, with the environment the real launcher sets). A command that finds no server
 * runs in its own process and leaves one starting; the next go through it, or wait for it while it starts; a new
 * build replaces it, and so does a command that needs its own pipeline (--verbose); it stops when told or idle.
 */
class BackgroundServerTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SERVER_START = Duration.ofMinutes(2);
    private static final String STARTS = "a server now starts in the background";

    @TempDir
    Path dir;
    private Path data;
    private Path launcher;

    @BeforeEach
    void launcher() throws Exception {
        data = dir.resolve("data");
        launcher = dir.resolve("invitations");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Dinvitations.home='" + Path.of("..").toAbsolutePath().normalize() + "' -cp '"
                + System.getProperty("java.class.path") + "' " + InvitationsCli.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Files.copy(Path.of("..", "samples", "students.csv"), dir.resolve("students.csv"));
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        // A server the last command left starting: the commands wait for it, and so does this.
        Optional<ServerState.Info> left = ServerState.awaitRunningOn(data, SERVER_START);
        if (left.isPresent()) {
            BackgroundServer.stop(left.get());
        }
    }

    @Test
    void aCommandThatFindsNoServerLeavesOneTheNextGoThroughItANewBuildReplacesIt() throws Exception {
        ProcessRun created = command(Map.of(), "batch-create", "--csv-file", "students.csv");
        assertEquals(0, created.exit(), created.err());
        assertTrue(created.err().contains(STARTS + " on " + data), created.err());
        assertEquals(4, Files.readAllLines(dir.resolve("students-results.csv")).size());
        ServerState.Info first = started();
        assertTrue(first.origin().background());
        assertEquals("build-1", first.origin().build());

        ProcessRun status = command(Map.of(), "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("COMPLETED"), status.out());
        assertFalse(status.err().contains(STARTS), status.err());
        assertEquals(first.pid(), started().pid());

        ProcessRun rebuilt = command(Map.of(BackgroundServer.Launcher.BUILD, "build-2"), "status");
        assertEquals(0, rebuilt.exit(), rebuilt.err());
        assertTrue(rebuilt.err().contains(STARTS), rebuilt.err());
        assertFalse(alive(first.pid()));
        ServerState.Info second = started();
        assertNotEquals(first.pid(), second.pid());
        assertEquals("build-2", second.origin().build());

        // --verbose runs the pipeline in its own process, to show the functions' logs: the server makes way.
        ProcessRun verbose = command(Map.of(BackgroundServer.Launcher.BUILD, "build-2"), "batch-create", "--csv-file",
                "students.csv", "--verbose");
        assertEquals(0, verbose.exit(), verbose.err());
        assertTrue(verbose.err().contains("\"function_name\""), "the functions' log lines on stderr");
        assertFalse(alive(second.pid()));
        assertTrue(verbose.err().contains(STARTS), verbose.err());
    }

    @Test
    void commandsArrivingWhileItStartsWaitForItAndShareIt() throws Exception {
        // That command leaves a server starting (for seconds): three commands arrive at once meanwhile.
        assertEquals(0, command(Map.of(), "status").exit());
        List<Process> arriving = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            arriving.add(process(Map.of(), "status").start());
        }
        for (Process process : arriving) {
            assertTrue(process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            String err = new String(process.getErrorStream().readAllBytes());
            assertEquals(0, process.exitValue(), err);
        }
        assertTrue(alive(started().pid()));
        assertEquals(1, Files.readString(data.resolve(BackgroundServer.LOG)).lines()
                .filter(line -> line.startsWith("invitations serve: running")).count(), "one server started");
    }

    @Test
    void stopStopsItAndAnIdleOneStopsByItself() throws Exception {
        assertEquals(0, command(Map.of(), "status").exit());
        long pid = started().pid();
        ProcessRun stop = command(Map.of(), "stop");
        assertEquals(0, stop.exit(), stop.err());
        assertTrue(stop.out().contains("stopped the background server on " + data), stop.out());
        assertFalse(alive(pid));
        assertTrue(ServerState.runningOn(data).isEmpty());
        assertTrue(command(Map.of(), "stop").out().contains("no server running on " + data));

        assertEquals(0, command(Map.of(BackgroundServer.Launcher.IDLE_SECONDS, "2"), "status").exit());
        long idle = started().pid();
        await().atMost(Duration.ofSeconds(60)).until(() -> !alive(idle));
        assertTrue(ServerState.runningOn(data).isEmpty());
        assertTrue(Files.readString(data.resolve(BackgroundServer.LOG)).contains("no command for 2 s: stopping"));
    }

    @Test
    void withTheServerOffNoneStarts() throws Exception {
        ProcessRun status = command(Map.of(BackgroundServer.Launcher.SWITCH, "off"), "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("no batches yet"), status.out());
        assertFalse(status.err().contains(STARTS), status.err());
        assertFalse(Files.exists(data.resolve(BackgroundServer.LOG)));
    }

    @Test
    void theLaunchersEnvironmentSaysWhetherAndForHowLong() {
        Map<String, String> launcher = Map.of(BackgroundServer.Launcher.COMMAND, "/opt/invitations");
        BackgroundServer.Launcher byDefault = BackgroundServer.Launcher.of(launcher, Optional.empty()).orElseThrow();
        assertEquals(List.of("/opt/invitations"), byDefault.command());
        assertEquals("15 minutes", BackgroundServer.describe(byDefault.idle()));
        Map<String, String> idle = new HashMap<>(launcher);
        idle.put(BackgroundServer.Launcher.IDLE_SECONDS, "90");
        assertEquals("90 seconds", BackgroundServer.describe(
                BackgroundServer.Launcher.of(idle, Optional.empty()).orElseThrow().idle()));
        idle.put(BackgroundServer.Launcher.IDLE_SECONDS, "ten");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BackgroundServer.Launcher.of(idle, Optional.empty()));
        assertTrue(refused.getMessage().contains("INVITATIONS_SERVER_IDLE_SECONDS must be a whole number"));
        Map<String, String> off = new HashMap<>(launcher);
        off.put(BackgroundServer.Launcher.SWITCH, "off");
        assertTrue(BackgroundServer.Launcher.of(off, Optional.empty()).isEmpty());
        assertTrue(BackgroundServer.Launcher.of(Map.of(), Optional.empty()).isEmpty(), "outside the launcher and a jar");
    }

    @Test
    void runFromAJarItStartsTheJarAgainAndTheJarIsTheBuild() throws Exception {
        Path jar = Files.writeString(dir.resolve("invitations.jar"), "a build");
        BackgroundServer.Launcher fromJar = BackgroundServer.Launcher.of(Map.of(), Optional.of(jar)).orElseThrow();
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()), fromJar.command());
        Files.writeString(jar, "another build");
        String rebuilt = BackgroundServer.Launcher.of(Map.of(), Optional.of(jar)).orElseThrow().build();
        assertNotEquals(fromJar.build(), rebuilt);
        assertEquals(List.of("/opt/invitations"), BackgroundServer.Launcher.of(
                Map.of(BackgroundServer.Launcher.COMMAND, "/opt/invitations"), Optional.of(jar)).orElseThrow().command(),
                "the launcher script, with its JVM options, where it runs the jar");
    }

    /** The server the last command left starting, once started. */
    private ServerState.Info started() throws Exception {
        Optional<ServerState.Info> running = ServerState.awaitRunningOn(data, SERVER_START);
        if (running.isEmpty()) {
            Path log = data.resolve(BackgroundServer.LOG);
            throw new AssertionError("no server running on " + data + "; its log:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"));
        }
        return running.get();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private ProcessRun command(Map<String, String> env, String... arguments) throws Exception {
        return ProcessRun.run(process(env, arguments), COMMAND_TIMEOUT);
    }

    /** The launcher with {@code arguments} on this test's data directory, in the environment the launcher sets. */
    private ProcessBuilder process(Map<String, String> env, String... arguments) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = new HashMap<>(Map.of(BackgroundServer.Launcher.COMMAND, launcher.toString(),
                BackgroundServer.Launcher.BUILD, "build-1", "DDB_LOCAL_TELEMETRY", "0"));
        environment.putAll(env);
        builder.environment().putAll(environment);
        return builder;
    }
}
