package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.LocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first command on a fresh data directory runs the pipeline in its own process and holds the directory; a
 * second terminal's {@code status} and {@code cancel} go through that command's servers (it says where they are,
 * and watches incoming/cancel/), instead of answering that the data directory is in use.
 */
class SecondTerminalTest {

    @Test
    void statusAndCancelReachTheBatchOfTheFirstCommandOnAFreshDataDirectory(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("fresh");
        Path csv = work.resolve("wrong-file.csv");
        StringBuilder rows = new StringBuilder("Name,Type\n");
        for (int i = 1; i <= 30_000; i++) {
            rows.append("Member ").append(i).append(",read_only\n");
        }
        Files.writeString(csv, rows);
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> CliRun.run("batch-create",
                "--csv-file", csv.toString(), "--output-file", work.resolve("results.csv").toString(),
                "--data-dir", dataDir.toString()));

        await("the first command's batch").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> ServerState.commandOn(dataDir, Duration.ZERO).isPresent()
                        && CliRun.run("status", "wrong-file.csv", "--data-dir", dataDir.toString()).exit() == 0);
        CliRun status = CliRun.run("status", "--data-dir", dataDir.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("incoming/create/wrong-file.csv"), status.out());
        assertTrue(List.of("SPLITTING", "RUNNING").stream().anyMatch(status.out()::contains), status.out());

        CliRun cancel = CliRun.run("cancel", "wrong-file.csv", "--data-dir", dataDir.toString());
        assertEquals(0, cancel.exit(), cancel.err());
        assertTrue(cancel.out().contains(") cancelled with "), cancel.out());

        CliRun done = first.get();
        assertEquals(2, done.exit(), done.out() + done.err());
        assertTrue(done.out().startsWith("batch-create: CANCELLED, 30000 rows: "), done.out());
        assertTrue(done.err().contains("the batch was cancelled"), done.err());
        assertEquals(30_001, Files.readAllLines(work.resolve("results.csv")).size(), "every row, and the header");
        assertTrue(ServerState.commandOn(dataDir, Duration.ZERO).isEmpty(), "the command said it no longer runs");
    }
}
