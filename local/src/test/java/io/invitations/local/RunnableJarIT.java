package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.BackgroundServer;
import io.invitations.local.runtime.LocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as one runnable jar, the way an admin on any OS runs it: {@code java -jar invitations.jar}
 * from a folder that is not a checkout, with no launcher script and nothing else on the class path. Run after the
 * package phase (the jar is what it builds).
 */
class RunnableJarIT {
    private static final Path JAR = Path.of("target", "invitations.jar").toAbsolutePath();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @AfterEach
    void stopTheServerLeft() throws Exception {
        Optional<ServerState.Info> left = ServerState.awaitRunningOn(dir.resolve(".invitations"), Duration.ofMinutes(2));
        if (left.isPresent()) {
            BackgroundServer.stop(left.get());
        }
    }

    @Test
    void javaDashJarRunsABatchAndTheCommandsThatFollowGoThroughTheServerItLeaves() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
        Files.copy(Path.of("..", "samples", "students.csv"), dir.resolve("students.csv"));

        ProcessRun created = jar("batch-create", "--csv-file", "students.csv", "--include-encoded");
        assertEquals(0, created.exit(), created.output());
        assertTrue(created.out().startsWith("batch-create: COMPLETED, 3 rows: 3 succeeded, 0 failed"), created.output());
        assertTrue(created.err().contains("a server now starts in the background on .invitations"), created.output());
        assertFalse(created.err().contains("WARNING"), "nothing but the command's own lines: " + created.output());
        List<String> results = Files.readAllLines(dir.resolve("students-results.csv"));
        assertEquals(4, results.size(), String.join("\n", results));
        assertTrue(results.get(0).startsWith("Name,Type,Token,"), results.get(0));
        for (String row : results.subList(1, results.size())) {
            assertTrue(row.matches("\"Student \\d\",\"read_only\",\"inv-[A-Za-z0-9_-]{43}\",.*\"Success\",\"ey.*"), row);
        }

        ServerState.Info server = ServerState.awaitRunningOn(dir.resolve(".invitations"), Duration.ofMinutes(2))
                .orElseThrow(() -> new AssertionError("no background server after the first command"));
        assertTrue(server.origin().background());
        ProcessRun status = jar("status");
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.out().contains("COMPLETED"), status.output());
        assertFalse(status.err().contains("a server now starts"), "went through the server: " + status.output());

        ProcessRun stop = jar("stop");
        assertEquals(0, stop.exit(), stop.output());
        assertTrue(stop.out().contains("stopped the background server"), stop.output());
        assertFalse(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void theJarHoldsTheSimulatorItsInMemoryStoresAndTheTemplate() throws Exception {
        ProcessRun simulated = jar("simulate", "--schedules", "3", "--seed", "7");
        assertEquals(0, simulated.exit(), simulated.output());
        assertTrue(simulated.out().startsWith("simulate: schedules=3 seed=7 "), simulated.output());
        assertTrue(simulated.out().contains(" lost=0 twice=0 "), simulated.output());
    }

    private ProcessRun jar(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        return ProcessRun.run(dir, Map.of(), COMMAND_TIMEOUT, command);
    }
}
