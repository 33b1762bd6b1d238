package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static io.invitations.local.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./invitations batch-create} as a user runs it: files in, results file and exit status out. */
class CommandLineTest {
    private static final String HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n";

    @Test
    void createsInvitationsKeepsStateAndReportsByExitStatus(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("state");
        Path parentCsv = Files.writeString(dir.resolve("leads.csv"), HEADER + "Lead,admin,365,yes,no,yes,5\n");
        CliRun first = run("batch-create", "--csv-file", parentCsv.toString(), "--data-dir", data.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("batch-create: COMPLETED, 1 rows: 1 succeeded, 0 failed"), first.out());
        Path results = dir.resolve("leads-results.csv");
        assertTrue(first.out().contains(results.toString()), "results beside the input by default");
        String parentToken = TestBatches.parseCsv(Files.readString(results)).get(1)[2];

        // A second run sees the first one's invitation (state persisted in --data-dir) and reports failed rows.
        Path childCsv = Files.writeString(dir.resolve("team.csv"), HEADER + "Member,read_write,30\nBad,root\n");
        Path out = dir.resolve("out/team.csv");
        CliRun second = run("batch-create", "--csv-file", childCsv.toString(), "--data-dir", data.toString(),
                "--parent-token", parentToken, "--include-encoded", "--output-file", out.toString(),
                "--concurrency", "2");
        assertEquals(1, second.exit(), second.err());
        List<String[]> rows = TestBatches.parseCsv(Files.readString(out));
        assertEquals("Encoded Data", rows.get(0)[9]);
        assertEquals("Success", rows.get(1)[8]);
        assertEquals("line 3: Type 'root' is not one of read_only, read_write, admin", rows.get(2)[10]);
    }

    @Test
    void createExportAcceptDevicesRevokeRoundTrip(@TempDir Path dir) throws Exception {
        String data = dir.resolve("state").toString();
        Path csv = Files.writeString(dir.resolve("team.csv"), HEADER + "Ann,read_write,30,no,no,yes,2\n");
        assertEquals(0, run("batch-create", "--csv-file", csv.toString(), "--data-dir", data).exit());
        String token = TestBatches.parseCsv(Files.readString(dir.resolve("team-results.csv"))).get(1)[2];

        Path export = dir.resolve("distribution.csv");
        CliRun exported = run("batch-export", "--output-file", export.toString(), "--data-dir", data);
        assertEquals(0, exported.exit(), exported.err());
        assertEquals("Encoded Data", TestBatches.parseCsv(Files.readString(export)).get(0)[9]);

        CliRun accepted = run("batch-accept", "--csv-file", export.toString(), "--name-prefix", "Team", "--data-dir", data);
        assertEquals(0, accepted.exit(), accepted.err());
        List<String[]> rows = TestBatches.parseCsv(Files.readString(dir.resolve("distribution-results.csv")));
        assertEquals("Team-Ann", rows.get(1)[1]);
        String thisDevice = Files.readString(dir.resolve("state/device-id")).strip();
        assertEquals(thisDevice, rows.get(1)[3], "the machine's stable device id by default");

        CliRun devices = run("devices", "--token", token, "--data-dir", data);
        assertEquals(0, devices.exit(), devices.err());
        assertTrue(devices.out().startsWith("Ann (read_write), 1 of 2 devices"), devices.out());
        assertTrue(devices.out().contains(thisDevice) && devices.out().contains("Team-Ann"), devices.out());

        Path leavers = Files.writeString(dir.resolve("leavers.csv"), "Token\n" + token + "\n");
        assertEquals(0, run("batch-revoke", "--csv-file", leavers.toString(), "--data-dir", data).exit());
        assertTrue(run("devices", "--token", token, "--data-dir", data).out()
                .startsWith("Ann (read_write), 0 of 2 devices, revoked"));
        CliRun again = run("batch-accept", "--csv-file", export.toString(), "--data-dir", data);
        assertEquals(1, again.exit(), "a revoked invitation fails its row");
    }

    /**
     * The transcript: the same file twice creates its invitations once (the second results file the first,
     * byte for byte), an export lists each once; --new-batch creates them anew.
     */
    @Test
    void theSameFileTwiceCreatesOnceAndNewBatchRunsItAnew(@TempDir Path dir) throws Exception {
        String data = dir.resolve("D").toString();
        Path students = Files.writeString(dir.resolve("students.csv"), HEADER + "Ann,read_only,30\nBob,admin,7\n"
                + "Cy,read_write,90,yes\n");
        Path r1 = dir.resolve("r1.csv");
        Path r2 = dir.resolve("r2.csv");
        assertEquals(0, run("batch-create", "--csv-file", students.toString(), "--output-file", r1.toString(),
                "--data-dir", data).exit());
        // The retry as a script sends it under another name (the same key within the listing's one-second
        // precision would be the same upload on the local bucket, unversioned; see BatchUpload).
        Path again = Files.copy(students, dir.resolve("students-again.csv"));
        CliRun second = run("batch-create", "--csv-file", again.toString(), "--output-file", r2.toString(),
                "--data-dir", data);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("the same file as batch b-"), second.out());
        assertEquals(Files.readString(r1), Files.readString(r2));
        Path all = dir.resolve("all.csv");
        assertEquals(0, run("batch-export", "--output-file", all.toString(), "--data-dir", data).exit());
        assertEquals(4, TestBatches.parseCsv(Files.readString(all)).size(), "a header and 3 invitations");

        Path r3 = dir.resolve("r3.csv");
        CliRun forced = run("batch-create", "--csv-file", students.toString(), "--output-file", r3.toString(),
                "--new-batch", "--data-dir", data);
        assertEquals(0, forced.exit(), forced.err());
        assertFalse(forced.out().contains("the same file"), forced.out());
        assertEquals(0, run("batch-export", "--output-file", all.toString(), "--data-dir", data).exit());
        assertEquals(7, TestBatches.parseCsv(Files.readString(all)).size(), "3 more, with tokens of their own");
    }

    @Test
    void aFailedBatchExitsTwoWithTheReason(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "Name,Email\nAnn,ann@example.com\n");
        CliRun run = run("batch-create", "--csv-file", csv.toString(), "--data-dir", dir.resolve("d").toString(),
                "--has-header=true");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("error: the batch failed: the header has no Type column"), run.err());
        assertFalse(Files.exists(dir.resolve("bad-results.csv")));
    }

    @Test
    void validateReportsEveryProblemWithItsLineAndCreatesNothing(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), HEADER + "Ann,admin\nBob,ro,10\n");
        CliRun ok = run("validate", "--csv-file", good.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("validate: 2 rows, 0 would fail", ok.out().strip());

        Path mixed = Files.writeString(dir.resolve("mixed.csv"), HEADER + "Ann,admin\nBob,root\n,ro\nCy,ro,0\n");
        CliRun rows = run("validate", "--csv-file", mixed.toString());
        assertEquals(1, rows.exit());
        assertEquals(List.of("line 3: Type 'root' is not one of read_only, read_write, admin", "line 4: Name is empty",
                "line 5: ValidDays '0' is out of range (allowed: 1 to 3650)", "validate: 4 rows, 3 would fail"),
                rows.out().strip().lines().toList());

        Path semicolons = Files.writeString(dir.resolve("semi.csv"), "Name;Type\nAnn;admin\n");
        CliRun refused = run("validate", "--csv-file", semicolons.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("seems to use ';' between values"), refused.err());
        assertTrue(!Files.exists(dir.resolve(".invitations")), "no state was created");
    }

    @Test
    void aMissingFileExitsTwo(@TempDir Path dir) {
        CliRun run = run("batch-create", "--csv-file", dir.resolve("nope.csv").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void helpShowsTheSeedExample() {
        CliRun run = run("batch-create", "--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("--include-encoded"), run.out());
        assertTrue(run.out().contains("./invitations batch-create --csv-file students.csv"), run.out());
    }

    @Test
    void theUsageListsEveryCommandAndAMistypedOneIsNamed() {
        CliRun usage = run("--help");
        assertEquals(0, usage.exit());
        for (String command : List.of("batch-create", "batch-accept", "batch-export", "batch-revoke", "devices",
                "validate", "serve", "invoke", "status", "bench", "cold-starts", "simulate")) {
            assertTrue(usage.out().contains(command), command + " in " + usage.out());
        }
        CliRun mistyped = run("stauts");
        assertEquals(2, mistyped.exit());
        assertTrue(mistyped.err().contains("status"), mistyped.err());
    }

    @Test
    void statusAndDevicesOnAFreshDataDirectoryNeedNothingCreatedBefore(@TempDir Path dir) {
        String data = dir.resolve("state").toString();
        CliRun status = run("status", "--data-dir", data);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("no batches yet in local state in " + data), status.out());
        CliRun devices = run("devices", "--token", "inv-" + "A".repeat(43), "--data-dir", data);
        assertEquals(2, devices.exit());
        assertTrue(devices.err().contains("unknown invitation token"), devices.err());
    }
}
