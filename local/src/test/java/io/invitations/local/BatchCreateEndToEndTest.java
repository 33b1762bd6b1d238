package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.csv.ResultsCsvWriter;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;
import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.pipeline.BatchSplitter;
import io.invitations.store.InvitationStore.StoredInvitation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Batch create through the real handlers, the SDK and the embedded AWS-compatible servers. */
@ExtendWith(SharedPipeline.class)
class BatchCreateEndToEndTest {
    private static final String HEADER = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n";

    private LocalPipeline pipeline;
    private TestBatches batches;

    @BeforeEach
    void setUp(LocalPipeline pipeline, @TempDir Path scratch) {
        this.pipeline = pipeline;
        this.batches = new TestBatches(pipeline, scratch);
    }

    private StoredInvitation stored(String token) {
        return pipeline.pipeline().invitations().find(token).orElseThrow(() -> new AssertionError("no " + token));
    }

    private Map<String, AttributeValue> allowance(String token) {
        return pipeline.clients().dynamo().getItem(b -> b.tableName(pipeline.resources().config().registryTable())
                .key(Map.of("token", AttributeValue.fromS(token), "device", AttributeValue.fromS("#allowance"))))
                .item();
    }

    @Test
    void seedStudentsFileCreatesEveryInvitationAndItsDeviceAllowance() {
        Finished done = batches.run("incoming/create/students.csv", TestBatches.sample("students.csv"));
        assertTrue(done.summaryJson().contains("\"status\" : \"COMPLETED\""), done.summaryJson());
        assertEquals(3, done.batch().counts().total());
        assertEquals(3, done.batch().counts().succeeded());
        assertArrayEquals(ResultsCsvWriter.ResultRow.HEADER.toArray(), done.results().get(0));
        for (int i = 0; i < 3; i++) {
            String[] row = done.rows().get(i);
            assertArrayEquals(new String[] {"Student " + (i + 1), "read_only", row[2], "90", "no", "no", "yes", "2",
                    "Success", ""}, row);
            assertTrue(Tokens.looksLikeToken(row[2]), row[2]);
            Invitation invitation = stored(row[2]).invitation();
            assertEquals("Student " + (i + 1), invitation.name());
            assertEquals(InvitationType.READ_ONLY, invitation.type());
            assertEquals(90, invitation.validDays());
            assertEquals(2, invitation.maxDevices());
            assertTrue(invitation.deviceBound());
            assertEquals("2", allowance(row[2]).get("maxDevices").n());
            assertEquals("0", allowance(row[2]).get("boundDevices").n());
        }
    }

    @Test
    void seedInvitationsFileWithEncodedDataRoundTripsToTheStore() {
        Finished done = batches.run("incoming/create/invitations.csv", TestBatches.sample("invitations.csv"),
                Map.of("include-encoded", "true", "s3-config", "s3://my-bucket/config"));
        assertArrayEquals(ResultsCsvWriter.ResultRow.HEADER_WITH_ENCODED.toArray(), done.results().get(0));
        assertEquals(List.of("Test User 1", "Test User 2", "Test Admin"),
                done.rows().stream().map(r -> r[0]).toList());
        String[] admin = done.rows().get(2);
        assertArrayEquals(new String[] {"Test Admin", "admin", admin[2], "90", "yes", "no", "yes", "3", "Success",
                admin[9], ""}, admin);
        Invitation decoded = InvitationCodec.decode(admin[9]);
        assertEquals(stored(admin[2]).invitation(), decoded);
        assertEquals("s3://my-bucket/config", decoded.s3ConfigPath());
    }

    @Test
    void badRowsFailAloneWithTheirLineAndFieldInInputOrder() {
        int before = batches.invitationCount();
        Finished done = batches.run("incoming/create/mixed.csv", HEADER
                + "Good One,read_only\n"
                + "Bad Type,superuser\n"
                + ",admin\n"
                + "Bad Days,admin,0\n"
                + "\n"
                + "Bad Bool,admin,30,perhaps\n"
                + "Too Many,admin,30,no,no,yes,1,extra\n"
                + "Bad Devices,read_write,30,no,no,yes,101\n"
                + "Only Name\n"
                + "Good Two,rw,10,,,,\n");
        assertEquals(9, done.batch().counts().total());
        assertEquals(2, done.batch().counts().succeeded());
        assertEquals(7, done.batch().counts().failed());
        List<String[]> rows = done.rows();
        assertEquals(List.of("Good One", "Bad Type", "", "Bad Days", "Bad Bool", "Too Many", "Bad Devices",
                "Only Name", "Good Two"), rows.stream().map(r -> r[0]).toList());
        assertEquals(List.of("", "line 3: Type 'superuser' is not one of read_only, read_write, admin",
                "line 4: Name is empty", "line 5: ValidDays '0' is out of range (allowed: 1 to 3650)",
                "line 7: CanInvite 'perhaps' is not a yes/no value (use yes/no, true/false, 1/0, y/n or t/f)",
                "line 8: the row has 8 fields, more than the 7 columns of the header (an unquoted comma in a value?)",
                "line 9: MaxDevices '101' is out of range (allowed: 1 to 100)",
                "line 10: Type is missing (the row has 1 field)", ""), rows.stream().map(r -> r[9]).toList());
        assertEquals(List.of("Success", "Failed", "Failed", "Failed", "Failed", "Failed", "Failed", "Failed",
                "Success"), rows.stream().map(r -> r[8]).toList());
        assertArrayEquals(new String[] {"Bad Days", "admin", "", "0", "", "", "", "", "Failed",
                "line 5: ValidDays '0' is out of range (allowed: 1 to 3650)"}, rows.get(3));
        assertEquals(before + 2, batches.invitationCount(), "only the good rows created invitations");
    }

    @Test
    void fileWithoutHeaderIsReadByPosition() {
        Finished done = batches.run("incoming/create/positional.csv", "Ann,admin,5,no,yes,no,4\nBob,ro\n",
                Map.of("has-header", "false"));
        assertEquals(2, done.batch().counts().succeeded());
        assertArrayEquals(new String[] {"Ann", "admin", done.rows().get(0)[2], "5", "no", "yes", "no", "4", "Success",
                ""}, done.rows().get(0));
    }

    @Test
    void headerColumnsInAnyOrderAndWithBomAndCrlf() {
        byte[] body = ("\uFEFFtype,Notes,NAME,max_devices\r\nadmin,\"says \"\"hi\"\", twice\",\"Lee, Ann\",2\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var event = batches.upload("incoming/create/reordered.csv", body, Map.of());
        pipeline.deliver(event);
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
        assertArrayEquals(new String[] {"Lee, Ann", "admin", done.rows().get(0)[2], "30", "yes", "no", "yes", "2",
                "Success", ""}, done.rows().get(0));
    }

    @Test
    void headerOnlyFileIsACompletedBatchOfNoRows() {
        Finished done = batches.run("incoming/create/empty-list.csv", HEADER);
        assertTrue(done.summaryJson().contains("\"status\" : \"COMPLETED\""), done.summaryJson());
        assertEquals(0, done.batch().counts().total());
        assertEquals(1, done.results().size(), "the header alone");
    }

    private void assertBatchFails(String name, byte[] content, Map<String, String> metadata, String error) {
        int before = batches.invitationCount();
        String key = "incoming/create/" + name;
        var event = batches.upload(key, content, metadata);
        pipeline.deliver(event);
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
        assertTrue(done.summaryJson().contains("\"status\" : \"FAILED\""), done.summaryJson());
        assertTrue(done.batch().error().contains(error), done.batch().error());
        assertTrue(done.summaryJson().contains(error.replace("\"", "\\\"")), done.summaryJson());
        assertEquals(List.of(), done.results(), "no results file for a failed batch");
        assertEquals(before, batches.invitationCount(), "nothing created");
    }

    @Test
    void emptyFileFailsTheBatch() {
        assertBatchFails("empty.csv", new byte[0], Map.of(), "the file is empty");
        assertBatchFails("blank.csv", "\n\n  \n".getBytes(StandardCharsets.UTF_8), Map.of(), "the file is empty");
    }

    @Test
    void missingRequiredColumnIsNamed() {
        assertBatchFails("no-type.csv", "Name,ValidDays\nAnn,30\n".getBytes(StandardCharsets.UTF_8), Map.of(),
                "the header has no Type column");
    }

    @Test
    void dataWhereTheHeaderShouldBeSaysSo() {
        assertBatchFails("no-header.csv", "Ann,admin,30\nBob,ro\n".getBytes(StandardCharsets.UTF_8), Map.of(),
                "line 1 looks like data: upload with metadata has-header=false");
    }

    @Test
    void notUtf8FailsTheBatchEvenWhenTheBadByteIsLate() {
        byte[] latin1 = (HEADER + "Ann,admin\n".repeat(500) + "Jos\u00e9,admin\n").getBytes(StandardCharsets.ISO_8859_1);
        assertBatchFails("latin1.csv", latin1, Map.of(), "the file is not UTF-8 text (invalid bytes on line 502)");
    }

    @Test
    void unreadableCsvFailsTheBatchBeforeAnythingIsCreated() {
        assertBatchFails("unclosed.csv", (HEADER + "Ann,admin\n".repeat(300) + "\"Bob,admin\nCarl,ro\n")
                .getBytes(StandardCharsets.UTF_8), Map.of(), "check for an unclosed quote");
    }

    @Test
    void invalidOptionFailsTheBatchNamingIt() {
        assertBatchFails("bad-option.csv", (HEADER + "Ann,admin\n").getBytes(StandardCharsets.UTF_8),
                Map.of("include-encoded", "sometimes"), "option include-encoded 'sometimes' is not true or false");
    }

    @Test
    void unknownParentFailsTheBatch() {
        assertBatchFails("orphan.csv", (HEADER + "Ann,ro\n").getBytes(StandardCharsets.UTF_8),
                Map.of("parent-token", new Tokens().newToken()), "option parent-token names no known invitation");
    }

    @Test
    void expiredOrNonInvitingParentFailsTheBatch() {
        Instant past = Instant.now().minus(Duration.ofDays(40));
        Invitation expired = new Invitation(new Tokens().newToken(), "Old", InvitationType.ADMIN, past,
                past.plus(Duration.ofDays(30)), "", true, true, false, 5, "");
        Invitation cannotInvite = new Invitation(new Tokens().newToken(), "Plain", InvitationType.ADMIN,
                Instant.now(), Instant.now().plus(Duration.ofDays(30)), "", false, true, false, 5, "");
        pipeline.pipeline().invitations().createAll(List.of(expired, cannotInvite));
        assertBatchFails("expired-parent.csv", (HEADER + "Ann,ro\n").getBytes(StandardCharsets.UTF_8),
                Map.of("parent-token", expired.token()), "option parent-token: parent invitation expired");
        assertBatchFails("no-invite-parent.csv", (HEADER + "Ann,ro\n").getBytes(StandardCharsets.UTF_8),
                Map.of("parent-token", cannotInvite.token()), "does not allow inviting");
    }

    @Test
    void childRowsCannotExceedTheirParent() {
        Finished parentBatch = batches.run("incoming/create/parent.csv",
                HEADER + "Team Lead,read_write,60,yes,no,yes,3\n");
        String parent = parentBatch.rows().get(0)[2];
        Finished done = batches.run("incoming/create/children.csv", HEADER
                + "Fine,read_only,30,no,no,yes,3\n"
                + "Too High,admin,30\n"
                + "Too Long,read_only,61\n"
                + "Too Many Devices,read_only,30,no,no,yes,4\n"
                + "Transferable,read_only,30,no,yes,yes,1\n"
                + "Unbound,read_only,30,no,no,no,1\n", Map.of("parent-token", parent));
        List<String> errors = done.rows().stream().map(r -> r[9]).toList();
        assertEquals("", errors.get(0));
        assertEquals("line 3: Type admin is above the parent's type read_write", errors.get(1));
        assertTrue(errors.get(2).startsWith("line 4: ValidDays 61 would expire after the parent invitation"));
        assertEquals("line 5: MaxDevices 4 is above the parent's limit of 3", errors.get(3));
        assertEquals("line 6: Transferable yes is not allowed under a non-transferable parent", errors.get(4));
        assertEquals("line 7: DeviceBound no is not allowed under a device-bound parent", errors.get(5));
        assertEquals(parent, stored(done.rows().get(0)[2]).invitation().parentToken());
    }

    @Test
    void keysWithSpacesPlusSignsAndUnicodeAreDecodedAndMirrored() {
        String key = "incoming/create/Class of 2026+ (Zoë)/élèves.csv";
        Finished done = batches.run(key, HEADER + "Zoë,ro\n");
        assertEquals(1, done.batch().counts().succeeded());
        assertTrue(batches.read("results/create/Class of 2026+ (Zoë)/élèves-results.csv").isPresent());
        assertTrue(batches.read("results/create/Class of 2026+ (Zoë)/élèves-summary.json").isPresent());
    }

    @Test
    void eventsOutsideTheTriggerPrefixAreIgnored() {
        assertEquals(List.of("IGNORED results/create/x-results.csv"), pipeline.deliver(
                batches.upload("results/create/x-results.csv", HEADER + "Ann,ro\n", Map.of())));
    }

    @Test
    void repeatedS3EventStartsNoSecondBatch() {
        var event = batches.upload("incoming/create/twice.csv", HEADER + "Ann,ro\nBob,rw\n", Map.of());
        assertEquals(List.of(BatchSplitter.Outcome.QUEUED + " incoming/create/twice.csv"), pipeline.deliver(event));
        assertEquals(List.of(BatchSplitter.Outcome.DUPLICATE + " incoming/create/twice.csv"), pipeline.deliver(event));
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
        assertEquals(2, done.batch().counts().processed());
        assertEquals(2, done.rows().size());
    }

    @Test
    void formulaInjectionIsNeutralisedInTheResults() {
        Finished done = batches.run("incoming/create/formulas.csv",
                HEADER + "=HYPERLINK(\"http://evil\"),ro\n\"@SUM(1,2)\",=1+1\n");
        assertEquals("'=HYPERLINK(\"http://evil\")", done.rows().get(0)[0]);
        assertEquals("'@SUM(1,2)", done.rows().get(1)[0]);
        assertEquals("'=1+1", done.rows().get(1)[1]);
    }

    @Test
    void resultsKeepInputOrderAcrossManyChunksAndWorkers() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 2_500; i++) {
            csv.append("User ").append(i).append(i % 10 == 0 ? ",nobody\n" : ",ro\n");
        }
        Finished done = batches.run("incoming/create/ordered.csv", csv.toString());
        assertEquals(2_500, done.rows().size());
        for (int i = 0; i < 2_500; i++) {
            assertEquals("User " + i, done.rows().get(i)[0]);
            assertEquals(i % 10 == 0 ? "Failed" : "Success", done.rows().get(i)[8]);
        }
        assertEquals(250, done.batch().counts().failed());
    }

    @Test
    void tenThousandRowBatch() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            csv.append("Person ").append(i).append(",read_write,").append(1 + i % 3650).append(",no,no,yes,")
                    .append(1 + i % 100).append('\n');
        }
        long started = System.nanoTime();
        Finished done = batches.run("incoming/create/ten-thousand.csv", csv.toString());
        System.out.printf("10,000-row batch through the local pipeline: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertEquals(10_000, done.batch().counts().succeeded());
        assertEquals(10_000, done.rows().size());
        String[] last = done.rows().get(9_999);
        assertEquals("Person 9999", last[0]);
        assertEquals(String.valueOf(1 + 9_999 % 3650), last[3]);
        assertEquals(Optional.of(stored(last[2]).invitation().name()), Optional.of("Person 9999"));
        assertFalse(done.summaryJson().contains("error"));
    }
}
