package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.memory.InMemoryPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A roster with External Ids: an id with an active invitation under the same parent (or at the top level) answers
 * with it (Existing, the same token) and is not created again; a row asking for other values fails naming them; an
 * id whose invitation was revoked or expired gets a new one. Results and exports carry the column.
 */
class ExternalIdsTest {
    private static final String HEADER = "Student Number,Name,Type,ValidDays,External Id\n";
    private final InMemoryPipeline pipeline = new InMemoryPipeline(2, 3);

    private List<String[]> run(String key, String csv) {
        return Csv.rows(pipeline.run(key, csv, Map.of("new-batch", "true")).results().orElseThrow());
    }

    private List<String[]> export() {
        return Csv.rows(pipeline.run("incoming/export/all", "").results().orElseThrow());
    }

    @Test
    void overlappingRostersGiveOneInvitationPerIdAndTheFirstToken() {
        List<String[]> monday = run("incoming/create/monday.csv", HEADER
                + "1,Ann,read_only,30,S-1\n2,Bob,read_only,30,S-2\n3,Cy,admin,30,S-3\n");
        List<String[]> tuesday = run("incoming/create/tuesday.csv", HEADER
                + "1,Ann,read_only,30,S-1\n3,Cy,read_only,30,S-3\n4,Di,read_only,30,S-4\n5,Ed,admin,30,\n");
        assertEquals(List.of("Success", "Success", "Success"), column(monday, 8));
        assertEquals(List.of("S-1", "S-2", "S-3"), column(monday, 10), "External Id is the last column");
        assertEquals(List.of("Existing", "Failed", "Success", "Success"), column(tuesday, 8));
        assertEquals(monday.get(0)[2], tuesday.get(0)[2], "the overlapping id answers with its first token");
        assertEquals("line 3: External Id 'S-3' already has an active invitation, and this row differs from it:"
                + " Type is 'admin' there, 'read_only' here; CanInvite is 'yes' there, 'no' here. Nothing was"
                + " changed: to change that invitation, revoke it (its token is in the results that created it, and"
                + " in an export), then create it again", tuesday.get(1)[9]);
        assertEquals("", tuesday.get(1)[2], "a failed row hands out no token");
        List<String[]> exported = export();
        assertEquals(5, exported.size(), "Ann, Bob, Cy, Di and Ed, once each");
        assertEquals(List.of("", "S-1", "S-2", "S-3", "S-4"), column(exported, 11).stream().sorted().toList(),
                "exports carry External Id last, after Encoded Data and Error");
    }

    @Test
    void aRevokedOrExpiredHolderGivesItsIdUp() {
        String token = run("incoming/create/a.csv", HEADER + "1,Ann,read_only,1,S-1\n").get(0)[2];
        pipeline.run("incoming/revoke/a.csv", "Token\n" + token + "\n");
        String second = run("incoming/create/b.csv", HEADER + "1,Ann,read_only,1,S-1\n").get(0)[2];
        assertNotEquals(token, second, "a revoked invitation's id is free again");
        pipeline.clock.advance(Duration.ofDays(2));
        List<String[]> third = run("incoming/create/c.csv", HEADER + "1,Ann,read_only,1,S-1\n");
        assertEquals("Success", third.get(0)[8], "an expired invitation's id is free again");
        assertNotEquals(second, third.get(0)[2]);
    }

    @Test
    void anIdIsHeldWithinItsParentsScope() {
        String parent = run("incoming/create/p.csv", HEADER.replace("ValidDays", "ValidDays,CanInvite")
                .replace("External Id", "MaxDevices,External Id") + "0,Teacher,admin,90,yes,5,T-1\n").get(0)[2];
        run("incoming/create/top.csv", HEADER + "1,Ann,read_only,30,S-1\n");
        List<String[]> under = Csv.rows(pipeline.run("incoming/create/under.csv", HEADER + "1,Ann,read_only,30,S-1\n",
                Map.of("parent-token", parent)).results().orElseThrow());
        assertEquals("Success", under.get(0)[8], "the same id under a parent is another person's scope");
    }

    @Test
    void twoRowsOfOneFileWithOneIdMakeOneInvitation() {
        List<String[]> rows = run("incoming/create/twice.csv", HEADER
                + "1,Ann,read_only,30,S-1\n1,Ann,read_only,30,S-1\n");
        assertEquals(List.of("Success", "Existing"), column(rows, 8));
        assertEquals(rows.get(0)[2], rows.get(1)[2]);
        assertEquals(1, export().size());
    }

    @Test
    void aRedeliveredChunkFindsItsOwnClaims() {
        Instant now = pipeline.clock.instant();
        io.invitations.invitation.Invitation ann = io.invitations.invitation.Invitation.issue("inv-" + "A".repeat(43),
                new io.invitations.invitation.InvitationRequest("Ann", io.invitations.invitation.InvitationType.ADMIN,
                        30, true, false, true, 1, "S-1"), now, "", "");
        assertTrue(pipeline.invitations.createHolding(ann, "S-1", now).isEmpty(), "created");
        assertTrue(pipeline.invitations.createHolding(ann, "S-1", now).isEmpty(), "its own claim, again");
        pipeline.invitations.markRevoked(ann.token(), now);
        io.invitations.invitation.Invitation bob = io.invitations.invitation.Invitation.issue("inv-" + "B".repeat(43),
                new io.invitations.invitation.InvitationRequest("Ann", io.invitations.invitation.InvitationType.ADMIN,
                        30, true, false, true, 1, "S-1"), now, "", "");
        assertTrue(pipeline.invitations.createHolding(bob, "S-1", now).isEmpty(), "the revoked holder's id passes on");
        assertTrue(pipeline.invitations.createHolding(ann, "S-1", now).isEmpty(),
                "a late redelivery of the first row still answers with what it created");
        assertEquals(1, export().size());
    }

    private static List<String> column(List<String[]> rows, int index) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row[index]));
        return values;
    }
}
