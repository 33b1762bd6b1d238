package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.memory.InMemoryPipeline;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Accept, revoke and export batches over the in-memory device registry. */
class AcceptRevokeExportTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline(10, 4);

    private InMemoryPipeline.Finished created() {
        return pipeline.run("incoming/create/team.csv", Csv.CREATE_HEADER
                + "Ann,read_write,30,no,no,yes,2\n@bob,read_only,30,no,yes,yes,1\n", Map.of("include-encoded", "true"));
    }

    /** A results file fed back as an accept file, as an admin would. */
    private static String asAcceptFile(InMemoryPipeline.Finished created) {
        return "Name,Encoded Data\n" + Csv.rows(created.results().orElseThrow()).stream()
                .map(r -> "\"" + r[0] + "\"," + r[9]).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void acceptBindsDevicesUpToMaxDevicesAndNamesProfilesWithoutTheSpreadsheetEscape() {
        InMemoryPipeline.Finished created = created();
        String accept = asAcceptFile(created);
        InMemoryPipeline.Finished laptop = pipeline.run("incoming/accept/laptop.csv", accept,
                Map.of("device-id", "laptop", "name-prefix", "Team"));
        assertEquals(2, laptop.summary().succeeded(), laptop.results().orElseThrow());
        assertEquals(List.of("Team-Ann", "Team-@bob"),
                Csv.rows(laptop.results().orElseThrow()).stream().map(r -> r[1]).toList());

        InMemoryPipeline.Finished phone = pipeline.run("incoming/accept/phone.csv", accept,
                Map.of("device-id", "phone", "name-prefix", "Team"));
        List<String[]> rows = Csv.rows(phone.results().orElseThrow());
        assertEquals("Success", rows.get(0)[4], "Ann may have 2 devices");
        assertEquals("line 3: the device limit of the invitation is reached", rows.get(1)[5]);
        String bob = Csv.rows(created.results().orElseThrow()).get(1)[2];
        assertEquals(1, pipeline.invitations.devicesOf(bob).size());
    }

    @Test
    void aRevokedInvitationLosesItsDevicesLeavesTheExportAndCannotBeAccepted() {
        InMemoryPipeline.Finished created = created();
        String accept = asAcceptFile(created);
        pipeline.run("incoming/accept/laptop.csv", accept, Map.of("device-id", "laptop"));
        String ann = Csv.rows(created.results().orElseThrow()).get(0)[2];

        InMemoryPipeline.Finished revoked = pipeline.run("incoming/revoke/ann.csv", "Token\n" + ann + "\n");
        assertEquals(1, revoked.summary().succeeded(), revoked.results().orElseThrow());
        assertEquals(0, pipeline.invitations.devicesOf(ann).size());

        InMemoryPipeline.Finished again = pipeline.run("incoming/accept/again.csv", accept,
                Map.of("device-id", "tablet"));
        assertTrue(Csv.rows(again.results().orElseThrow()).get(0)[5].endsWith("the invitation has been revoked"));

        InMemoryPipeline.Finished export = pipeline.run("incoming/export/now", "");
        List<String> exported = Csv.rows(export.results().orElseThrow()).stream().map(r -> r[2]).toList();
        assertEquals(1, exported.size());
        assertTrue(!exported.contains(ann));
        assertEquals(1, export.summary().total());
    }
}
