package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.invitations.memory.InMemoryPipeline;
import io.invitations.memory.PortDecorator;
import io.invitations.memory.ShuffledOverlap;
import io.invitations.overlap.Overlap;
import io.invitations.registry.Registration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows of one chunk that compete (for an invitation, a device's profile name, an External Id) are decided in the
 * file's order, the first winning, however the chunk's other rows overlap: checked with the pieces run last to first
 * and in seeded orders.
 */
class CompetingRowsTest {
    private static final int ONE_CHUNK = 50;

    static Stream<Arguments> overlaps() {
        List<Arguments> overlaps = new ArrayList<>();
        overlaps.add(Arguments.of("last to first", new LastToFirst()));
        for (long seed = 1; seed <= 20; seed++) {
            overlaps.add(Arguments.of("seed " + seed, new ShuffledOverlap(new Random(seed))));
        }
        return overlaps.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlaps")
    void acceptRowsCompetingForAnInvitationOrAProfileNameAreDecidedInTheFilesOrder(String name, Overlap overlap) {
        InMemoryPipeline pipeline = new InMemoryPipeline(ONE_CHUNK, 7, PortDecorator.NONE, overlap);
        // Kept (not transferable, 2 devices), Single (1 device), Other and Third (3 devices each).
        List<String[]> issued = Csv.rows(pipeline.run("incoming/create/team.csv", Csv.CREATE_HEADER
                + "Kept,read_only,30,no,no,yes,2\nSingle,read_only,30,no,yes,yes,1\n"
                + "Other,read_only,30,no,yes,yes,3\nThird,read_only,30,no,yes,yes,3\n",
                Map.of("include-encoded", "true")).results().orElseThrow());
        Function<Integer, String> encoded = i -> issued.get(i)[9];
        String accept = "Name,Encoded Data,Device Id\n"
                + "Ann," + encoded.apply(0) + ",d1\n"          // Kept: its holder is Ann
                + "Bob," + encoded.apply(0) + ",d2\n"          // Kept is not transferable: refused
                + "Solo," + encoded.apply(1) + ",d3\n"         // Single's one device
                + "Solo," + encoded.apply(1) + ",d4\n"         // Single's limit reached
                + "Same," + encoded.apply(2) + ",d5\n"         // the profile name Same on d5
                + "Same," + encoded.apply(3) + ",d5\n"         // Same is in use on d5 (for Other)
                + "Free," + encoded.apply(3) + ",d6\n";        // Third again, on d6: competes only with the row above
        List<String> errors = Csv.rows(pipeline.run("incoming/accept/team.csv", accept).results().orElseThrow())
                .stream().map(row -> row[4] + ": " + row[5]).toList();
        assertEquals(List.of(
                "Success: ",
                "Failed: line 3: " + Registration.NOT_TRANSFERABLE.reason(),
                "Success: ",
                "Failed: line 5: " + Registration.LIMIT_REACHED.reason(),
                "Success: ",
                "Failed: line 7: " + Registration.PROFILE_NAME_IN_USE.reason(),
                "Success: "), errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlaps")
    void theFirstOfTwoRevocationsOfOneInvitationReportsItsDevices(String name, Overlap overlap) {
        InMemoryPipeline pipeline = new InMemoryPipeline(ONE_CHUNK, 7, PortDecorator.NONE, overlap);
        List<String[]> issued = Csv.rows(pipeline.run("incoming/create/team.csv", Csv.createRows("member", 3),
                Map.of("include-encoded", "true")).results().orElseThrow());
        pipeline.run("incoming/accept/team.csv", "Name,Encoded Data,Device Id\nm," + issued.get(1)[9] + ",d1\n");
        String token = issued.get(1)[2];
        List<String[]> revoked = Csv.rows(pipeline.run("incoming/revoke/twice.csv", "Token\n" + issued.get(0)[2]
                + "\n" + token + "\n" + issued.get(2)[2] + "\n" + token + "\n").results().orElseThrow());
        assertEquals(List.of("0", "1", "0", "0"), revoked.stream().map(row -> row[2]).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlaps")
    void theFirstRowOfAnExternalIdCreatesItsInvitation(String name, Overlap overlap) {
        InMemoryPipeline pipeline = new InMemoryPipeline(ONE_CHUNK, 7, PortDecorator.NONE, overlap);
        String roster = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices,External Id\n"
                + "Ann,read_only,30,no,no,yes,2,E1\nBob,read_only,30,no,no,yes,2,E2\n"
                + "Ann,admin,30,no,no,yes,2,E1\nBob,read_only,30,no,no,yes,2,E2\n";
        List<String[]> results = Csv.rows(pipeline.run("incoming/create/roster.csv", roster).results().orElseThrow());
        assertEquals(List.of("Success", "Success", "Failed", "Existing"),
                results.stream().map(row -> row[8]).toList(), String.join("\n",
                        results.stream().map(row -> String.join(",", row)).toList()));
    }

    /** The pieces run last to first: the order threads would least likely take. */
    private static final class LastToFirst implements Overlap {
        @Override
        public <I, O> List<O> map(List<I> items, Function<? super I, ? extends O> work) {
            List<O> results = new ArrayList<>();
            for (int i = items.size() - 1; i >= 0; i--) {
                results.add(work.apply(items.get(i)));
            }
            Collections.reverse(results);
            return results;
        }
    }
}
