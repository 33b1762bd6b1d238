package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchKind;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;
import io.invitations.invitation.InvitationType;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.memory.ManualClock;
import io.invitations.pipeline.InvitationAcceptance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accept, export and revoke through the real handlers: the seed's security promises, made to hold. */
class AcceptExportRevokeTest {
    private static final String HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n";
    private static final ManualClock CLOCK = new ManualClock(Instant.now());
    private static LocalPipeline pipeline;

    private TestBatches batches;

    @BeforeAll
    static void start() throws Exception {
        pipeline = LocalPipeline.start(null, StackSettings.template().withVisibilityTimeouts(2, 2), CLOCK, null);
        pipeline.startEventSources();
    }

    @AfterAll
    static void stop() throws Exception {
        pipeline.close();
    }

    @BeforeEach
    void setUp(@TempDir Path scratch) {
        batches = new TestBatches(pipeline, scratch);
    }

    private Finished create(String name, String rows) {
        return batches.run("incoming/create/" + name, HEADER + rows, Map.of("include-encoded", "true"));
    }

    /** The results file of a batch, as the CSV text an admin would download and feed back in. */
    private static String csv(Finished done) {
        return done.results().stream().map(r -> java.util.Arrays.stream(r)
                .map(c -> "\"" + c.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n")) + "\n";
    }

    private Finished accept(String name, String csv, Map<String, String> options) {
        return batches.run("incoming/accept/" + name, csv, options);
    }

    private Finished export() {
        return batches.run("incoming/export/request-" + System.nanoTime(), "");
    }

    private int devices(String token) {
        return pipeline.pipeline().registry().devicesOf(token).size();
    }

    @Test
    void createExportAcceptRoundTripBindsDevicesUpToTheLimit() {
        Finished created = create("class.csv", "Student 1,read_only,90,no,no,yes,2\nStudent 2,read_write,60,no,no,yes,2\n");
        List<String> tokens = created.rows().stream().map(r -> r[2]).toList();

        // The create results file, fed in unchanged.
        Finished first = accept("class-laptop.csv", csv(created), Map.of("device-id", "laptop-1", "name-prefix", "Team"));
        assertEquals(2, first.batch().counts().succeeded(), first.summaryJson());
        assertEquals(List.of("Name", "Profile", "Type", "Device Id", "Status", "Error"),
                List.of(first.results().get(0)));
        assertEquals(List.of("Student 1", "Team-Student 1", "read_only", "laptop-1", "Success", ""),
                List.of(first.rows().get(0)));

        // The export file, fed in unchanged, from a second device of the same holders.
        Finished exported = export();
        List<String[]> ours = exported.rows().stream().filter(r -> tokens.contains(r[2])).toList();
        assertEquals(2, ours.size());
        assertEquals("Encoded Data", exported.results().get(0)[9], "export includes encoded data by default");
        String[] student1 = ours.stream().filter(r -> r[2].equals(tokens.get(0))).findFirst().orElseThrow();
        assertEquals("90", student1[3], "Valid Days = whole days left (the test clock stands still)");
        String exportCsv = csv(new Finished(exported.batch(), exported.summaryJson(),
                prepend(exported.results().get(0), ours)));
        Finished second = accept("export-phone.csv", exportCsv, Map.of("device-id", "phone-1", "name-prefix", "Team"));
        assertEquals(2, second.batch().counts().succeeded(), second.summaryJson());
        tokens.forEach(token -> assertEquals(2, devices(token)));

        // A third device is over MaxDevices 2.
        Finished third = accept("export-tablet.csv", exportCsv, Map.of("device-id", "tablet-1", "name-prefix", "Team"));
        assertEquals(0, third.batch().counts().succeeded());
        assertEquals("line 2: the device limit of the invitation is reached", third.rows().get(0)[5]);

        // Accepting again from a registered device under the same name: success, no second registration.
        Finished again = accept("class-laptop-again.csv", csv(created), Map.of("device-id", "laptop-1", "name-prefix", "Team"));
        assertEquals(2, again.batch().counts().succeeded());
        tokens.forEach(token -> assertEquals(2, devices(token)));
    }

    @Test
    void namesTheResultsFileMadeSpreadsheetSafeAreAcceptedAsIssued() {
        Finished created = create("handles.csv", "@handle,read_only,90,no,no,yes,1\n=sum,read_only,90,no,no,yes,1\n");
        assertEquals("'@handle", created.rows().get(0)[0], "written spreadsheet-safe");
        Finished accepted = accept("handles.csv", csv(created), Map.of("device-id", "laptop-h", "name-prefix", "X"));
        assertEquals(2, accepted.batch().counts().succeeded(), accepted.summaryJson());
        List<String> profiles = accepted.rows().stream().map(r -> r[1]).toList();
        assertEquals(List.of("X-@handle", "X-=sum"), profiles, "the profile carries the name, not its escape");
    }

    private static List<String[]> prepend(String[] header, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    @Test
    void fiftyConcurrentAcceptsBindExactlyMaxDevices() throws Exception {
        Finished created = create("popular.csv", "Popular,read_only,30,no,no,yes,3\n");
        String encoded = created.rows().get(0)[9];
        String token = created.rows().get(0)[2];
        InvitationAcceptance acceptance = pipeline.pipeline().services().acceptance();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<InvitationAcceptance.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String device = "device-" + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                return acceptance.accept(encoded, device, "Popular");
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<InvitationAcceptance.Outcome> outcome : outcomes) {
            String error = outcome.get().error();
            if (error.isEmpty()) {
                accepted++;
            } else {
                assertEquals("the device limit of the invitation is reached", error);
            }
        }
        pool.shutdown();
        assertEquals(3, accepted);
        assertEquals(3, devices(token));
    }

    @Test
    void everyTamperedFieldIsRefused() {
        Finished created = create("tamper.csv", "Victim,read_only,30,no,no,yes,1\n");
        Invitation issued = InvitationCodec.decode(created.rows().get(0)[9]);
        Map<String, Invitation> edits = new java.util.LinkedHashMap<>();
        edits.put("name", with(issued, "Mallory", issued.type(), issued.expires(), issued.s3ConfigPath(), false, false, true, 1, ""));
        edits.put("type", with(issued, issued.name(), InvitationType.ADMIN, issued.expires(), issued.s3ConfigPath(), false, false, true, 1, ""));
        edits.put("expires", with(issued, issued.name(), issued.type(), issued.expires().plus(Duration.ofDays(999)), issued.s3ConfigPath(), false, false, true, 1, ""));
        edits.put("s3_config_path", with(issued, issued.name(), issued.type(), issued.expires(), "s3://evil/config", false, false, true, 1, ""));
        edits.put("can_invite", with(issued, issued.name(), issued.type(), issued.expires(), issued.s3ConfigPath(), true, false, true, 1, ""));
        edits.put("transferable", with(issued, issued.name(), issued.type(), issued.expires(), issued.s3ConfigPath(), false, true, true, 1, ""));
        edits.put("device_bound", with(issued, issued.name(), issued.type(), issued.expires(), issued.s3ConfigPath(), false, false, false, 1, ""));
        edits.put("max_devices", with(issued, issued.name(), issued.type(), issued.expires(), issued.s3ConfigPath(), false, false, true, 100, ""));
        edits.put("parent_token", with(issued, issued.name(), issued.type(), issued.expires(), issued.s3ConfigPath(), false, false, true, 1, "inv-" + "A".repeat(43)));
        Invitation createdEdit = new Invitation(issued.token(), issued.name(), issued.type(), issued.created().minusSeconds(60),
                issued.expires(), issued.s3ConfigPath(), false, false, true, 1, "");
        edits.put("created", createdEdit);
        StringBuilder csv = new StringBuilder("Name,Encoded Data\n");
        edits.values().forEach(edit -> csv.append("x,").append(InvitationCodec.encode(edit)).append('\n'));
        csv.append("x,").append(InvitationCodec.encode(with(issued, issued.name(), issued.type(), issued.expires(),
                issued.s3ConfigPath(), false, false, true, 1, "", "inv-" + "B".repeat(43)))).append('\n');
        csv.append("x,not-an-invitation\n");
        Finished done = accept("tampered.csv", csv.toString(), Map.of("device-id", "attacker"));
        assertEquals(0, done.batch().counts().succeeded());
        List<String> fields = new ArrayList<>(edits.keySet());
        for (int i = 0; i < fields.size(); i++) {
            assertEquals("line " + (i + 2) + ": the encoded invitation was altered: its " + fields.get(i)
                    + " differs from the invitation as issued", done.rows().get(i)[5]);
        }
        assertEquals("line 12: unknown invitation token", done.rows().get(10)[5]);
        assertTrue(done.rows().get(11)[5].startsWith("line 13: Encoded Data is not a valid invitation"));
        assertEquals(0, devices(issued.token()), "nothing bound");
    }

    private static Invitation with(Invitation i, String name, InvitationType type, java.time.Instant expires,
                                   String s3, boolean canInvite, boolean transferable, boolean deviceBound,
                                   int maxDevices, String parent) {
        return with(i, name, type, expires, s3, canInvite, transferable, deviceBound, maxDevices, parent, i.token());
    }

    private static Invitation with(Invitation i, String name, InvitationType type, java.time.Instant expires,
                                   String s3, boolean canInvite, boolean transferable, boolean deviceBound,
                                   int maxDevices, String parent, String token) {
        return new Invitation(token, name, type, i.created(), expires, s3, canInvite, transferable, deviceBound,
                maxDevices, parent);
    }

    @Test
    void nonTransferableInvitationsKeepTheirHoldersName() {
        Finished created = create("transfer.csv", "Fixed,read_only,30,no,no,yes,3\nMoving,read_only,30,no,yes,yes,3\n");
        String fixed = "Name,Encoded Data\nFixed," + created.rows().get(0)[9] + "\n";
        String moving = "Name,Encoded Data\nMoving," + created.rows().get(1)[9] + "\n";
        assertEquals(1, accept("t1.csv", fixed, Map.of("device-id", "dev-a")).batch().counts().succeeded());
        Finished other = accept("t2.csv", fixed, Map.of("device-id", "dev-b", "name-prefix", "Someone"));
        assertEquals("line 2: the invitation is not transferable and was accepted under another profile name",
                other.rows().get(0)[5]);
        assertEquals(1, accept("t3.csv", fixed, Map.of("device-id", "dev-b")).batch().counts().succeeded(),
                "the holder's other device, same name");
        assertEquals(1, accept("t4.csv", moving, Map.of("device-id", "dev-a")).batch().counts().succeeded());
        assertEquals(1, accept("t5.csv", moving, Map.of("device-id", "dev-c", "name-prefix", "New")).batch()
                .counts().succeeded(), "a transferable invitation may change hands");
    }

    @Test
    void aProfileNameIsOneInvitationPerDevice() {
        Finished created = create("names.csv", "Shared Name,read_only\nShared Name,read_write\n");
        String csv = "Name,Encoded Data\nShared Name," + created.rows().get(0)[9] + "\nShared Name,"
                + created.rows().get(1)[9] + "\n";
        Finished done = accept("same-names.csv", csv, Map.of("device-id", "dev-names"));
        assertEquals("Success", done.rows().get(0)[4]);
        assertEquals("line 3: this device already uses the profile name for another invitation", done.rows().get(1)[5]);
    }

    @Test
    void perRowDeviceIdsOverrideTheBatchsAndAMissingOneIsAnError() {
        Finished created = create("per-row.csv", "Multi,read_only,30,no,no,yes,5\n");
        String encoded = created.rows().get(0)[9];
        Finished done = accept("per-row-accept.csv", "Name,Encoded Data,Device Id\nMulti," + encoded
                + ",kiosk-1\nMulti," + encoded + ",kiosk-2\nMulti," + encoded + ",\n", Map.of());
        assertEquals(List.of("kiosk-1", "kiosk-2"), List.of(done.rows().get(0)[3], done.rows().get(1)[3]));
        assertEquals("line 4: no device id: set the device-id option or a Device Id column", done.rows().get(2)[5]);
        assertEquals(2, devices(created.rows().get(0)[2]));
    }

    @Test
    void revokedInvitationsCannotBeAcceptedAndLeaveTheExport() {
        Finished created = create("revoke-me.csv", "Leaver,read_only,30,no,no,yes,2\nStayer,read_only,30,no,no,yes,2\n");
        String leaver = created.rows().get(0)[2];
        String stayer = created.rows().get(1)[2];
        accept("before-revoke.csv", csv(created), Map.of("device-id", "desk-1"));
        assertEquals(1, devices(leaver));

        Finished revoked = batches.run("incoming/revoke/leavers.csv", "Token\n" + leaver + "\ninv-" + "Z".repeat(43)
                + "\nnot-a-token\n");
        assertEquals(List.of("Token", "Name", "Devices Removed", "Status", "Error"), List.of(revoked.results().get(0)));
        assertEquals(List.of(leaver, "Leaver", "1", "Success", ""), List.of(revoked.rows().get(0)));
        assertEquals("line 3: unknown invitation token", revoked.rows().get(1)[4]);
        assertEquals("line 4: Token is not an invitation token (inv- followed by 43 characters)", revoked.rows().get(2)[4]);
        assertEquals(0, devices(leaver), "its devices are de-registered");
        assertTrue(pipeline.pipeline().invitations().find(leaver).orElseThrow().revoked());

        Finished again = accept("after-revoke.csv", csv(created), Map.of("device-id", "desk-2"));
        assertEquals("line 2: the invitation has been revoked", again.rows().get(0)[5]);
        assertEquals("Success", again.rows().get(1)[4]);

        List<String> exported = export().rows().stream().map(r -> r[2]).toList();
        assertFalse(exported.contains(leaver));
        assertTrue(exported.contains(stayer));
    }

    @Test
    void expiredInvitationsLeaveTheExportAndCannotBeAccepted() {
        Finished created = create("short.csv", "Brief,read_only,1,no,no,yes,1\nLong,read_only,300,no,no,yes,1\n");
        String brief = created.rows().get(0)[2];
        String longer = created.rows().get(1)[2];
        assertTrue(export().rows().stream().anyMatch(r -> r[2].equals(brief)));
        CLOCK.advance(Duration.ofDays(2));
        Finished later = export();
        assertFalse(later.rows().stream().anyMatch(r -> r[2].equals(brief)));
        String[] longRow = later.rows().stream().filter(r -> r[2].equals(longer)).findFirst().orElseThrow();
        assertEquals("298", longRow[3], "two days later, 298 whole days are left");
        Finished accepted = accept("late.csv", csv(created), Map.of("device-id", "late-device"));
        assertTrue(accepted.rows().get(0)[5].startsWith("line 2: the invitation expired at"), accepted.rows().get(0)[5]);
        assertEquals("Success", accepted.rows().get(1)[4]);
    }

    @Test
    void exportKindTakesItsOptionsFromTheTriggerObject() {
        create("plain-export.csv", "Plain,read_only\n");
        Finished done = batches.run(BatchKind.EXPORT.incomingPrefix() + "no-encoded", "", Map.of("include-encoded", "false"));
        assertEquals(List.of("Name", "Type", "Token", "Valid Days", "Can Invite", "Transferable", "Device Bound",
                "Max Devices", "Status", "Error", "External Id"), List.of(done.results().get(0)),
                "an export carries External Id last, empty for invitations without one");
        assertTrue(done.summaryJson().contains("results/export/"), done.summaryJson());
        assertEquals(done.rows().size(), done.batch().counts().total());
    }
}
