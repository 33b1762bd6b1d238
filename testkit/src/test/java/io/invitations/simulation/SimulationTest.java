package io.invitations.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchRecord;
import io.invitations.invitation.Invitation;
import io.invitations.memory.PortDecorator;
import io.invitations.overlap.Overlap;
import io.invitations.pipeline.ChunkProcessor;
import io.invitations.store.BatchStore;
import io.invitations.store.InvitationStore;
import io.invitations.store.InvitationStore.StoredInvitation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline under 10,000 seeded fault schedules (the fast layer; SimulationIT runs the full 100,000 in
 * verify), every invariant held; the seeds of the bugs the simulator found replay clean; and planted bugs are found,
 * with the fault that exposed them in the trace.
 */
class SimulationTest {
    private static final long SCHEDULES = Long.getLong("simulation.schedules", 10_000);

    @Test
    void everyScheduleHoldsEveryInvariant() throws Exception {
        holdEveryInvariant(SCHEDULES);
    }

    /** Runs {@code schedules} schedules from seed 1 and asserts that no invariant broke and that faults happened. */
    static void holdEveryInvariant(long schedules) throws Exception {
        Simulation.Result result = new Simulation().run(schedules, 1, 2);
        System.out.println(result.line());
        assertNull(result.failure(), () -> result.failure().violation() + "\n" + String.join("\n",
                result.failure().trace()));
        assertEquals(schedules, result.schedules());
        assertEquals(0, result.lost() + result.twice() + result.orphans() + result.overLimit());
        assertTrue(result.crashes() > schedules && result.duplicates() > schedules, result.line());
        assertTrue(result.repeats() > schedules / 50, "provisioning retries answered as repeats: " + result.line());
        assertTrue(result.cancels() > schedules / 100, "batches cancelled while they ran: " + result.line());
    }

    /**
     * The seeds at which the simulator found real bugs (a sweep that gave up at its first failing chunk lookup never
     * finished a large stalled batch: 5034; a batch failed after its aggregation restarts kept its invitations:
     * 73379; a late redelivery of a roster's chunk answered Existing with another token for the invitation it had
     * created, revoked meanwhile: 4314; a worker that read its batch before a cancel wrote the rows of a chunk that
     * another, cancelling, attempt recorded Cancelled: 11646), kept as replay checks; BatchLifecycleTest,
     * ExternalIdsTest and DynamoExternalIdsTest hold targeted tests of the first three fixes.
     */
    @Test
    void theSeedsOfFixedBugsReplayClean() {
        for (long seed : List.of(5034L, 73379L, 4314L, 11646L)) {
            Schedule.Outcome outcome = run(seed, false);
            assertTrue(outcome.report().violations().isEmpty(), seed + ": " + outcome.report().violations());
        }
    }

    @Test
    void theSameSeedRunsTheSameSchedule() {
        Schedule.Outcome first = run(5034, true);
        Schedule.Outcome again = run(5034, true);
        assertEquals(first.trace(), again.trace());
        assertEquals(first.faults(), again.faults());
        assertTrue(first.trace().size() > 20, "a schedule of some length: " + first.trace().size());
    }

    /**
     * Today's code before issue 25: every attempt at a create chunk writes its invitations with plain puts, so a
     * redelivery after an export handed them out (and an accept or a revocation used them) replaces them.
     */
    @Test
    void findsARedeliveryThatReplacesInvitationsInUse() throws Exception {
        Simulation.Failure failure = plantedBug(PortDecorator.overriding(BatchStore.class, "startChunk",
                (store, args) -> BatchStore.ChunkStart.FIRST));
        assertTrue(List.of("over_limit", "undone", "orphans").contains(failure.violation().split(":")[0]),
                failure.violation());
    }

    /** A sweeper that takes finished batches for stalled ones ends up failing a completed batch. */
    @Test
    void findsASweeperThatRestartsFinishedBatches() throws Exception {
        Simulation.Failure failure = plantedBug(new PortDecorator() {
            @Override
            public <T> T around(Class<T> port, T target) {
                // This world's batches, in the order they were registered: the finished ones are added to the idle.
                List<String> registered = new ArrayList<>();
                return PortDecorator.overriding(BatchStore.class, "register", (store, args) -> {
                    boolean added = store.register((BatchRecord) args[0]);
                    if (added) {
                        synchronized (registered) {
                            registered.add(((BatchRecord) args[0]).batchId());
                        }
                    }
                    return added;
                }).then(PortDecorator.overriding(BatchStore.class, "idleSince", (store, args) -> {
                    List<String> ids;
                    synchronized (registered) {
                        ids = List.copyOf(registered);
                    }
                    return Stream.concat(store.idleSince((Instant) args[0]).stream(), ids.stream().map(store::find)
                            .flatMap(Optional::stream).filter(BatchRecord::isFinished)).toList();
                })).around(port, target);
            }
        });
        assertTrue(List.of("orphans", "counted", "undone").contains(failure.violation().split(":")[0]),
                failure.violation());
    }

    /**
     * An External Id check done as a read followed by a write: two rosters with one id, at once, both read that no
     * active invitation holds it, and both write one.
     */
    @Test
    void findsAnExternalIdCheckDoneAsAReadThenAWrite() throws Exception {
        Simulation.Failure failure = plantedBug(PortDecorator.overriding(InvitationStore.class, "createHolding",
                (store, args) -> {
                    Invitation invitation = (Invitation) args[0];
                    String externalId = (String) args[1];
                    Instant now = (Instant) args[2];
                    List<StoredInvitation> holders = new ArrayList<>();
                    store.forEach(stored -> {
                        if (stored.externalId().equals(externalId) && stored.isActiveAt(now)
                                && stored.invitation().parentToken().equals(invitation.parentToken())
                                && !stored.invitation().token().equals(invitation.token())) {
                            holders.add(stored);
                        }
                    });
                    if (!holders.isEmpty()) {
                        return Optional.of(holders.get(0));
                    }
                    // The write, blind to any holder written since the read (every holder looks expired to it).
                    return store.createHolding(invitation, externalId, now.plus(Duration.ofDays(365 * 100)));
                }));
        assertTrue(failure.violation().startsWith("external_ids"), failure.violation());
    }

    /**
     * A repeat check that counts only a finished batch as the original: a provisioning script's retry while the
     * first batch still runs is missed, and runs again.
     */
    @Test
    void findsARepeatCheckThatMissesAConcurrentUpload() throws Exception {
        Simulation.Failure failure = plantedBug(PortDecorator.overriding(BatchStore.class, "claimRepeatKey",
                (store, args) -> {
                    String holder = store.claimRepeatKey((String) args[0], (String) args[1], (Instant) args[2],
                            (Duration) args[3]);
                    boolean originalFinished = store.find(holder).map(BatchRecord::isFinished).orElse(false);
                    return holder.equals(args[1]) || originalFinished ? holder : (String) args[1];
                }));
        assertTrue(failure.violation().startsWith("repeated"), failure.violation());
    }

    /** A splitter that no longer recognises a repeated file runs a provisioning script's retry again. */
    @Test
    void findsASplitterThatRunsARepeatedFileAgain() throws Exception {
        Simulation.Failure failure = plantedBug(PortDecorator.overriding(BatchStore.class, "claimRepeatKey",
                (store, args) -> args[1]));
        assertTrue(failure.violation().startsWith("repeated"), failure.violation());
    }

    /**
     * An overlap that gathers a chunk's results as its pieces end, not in the items' order (a results queue filled
     * by the threads): a row's result is reported for another row.
     */
    @Test
    void findsAnOverlapThatGathersResultsInTheOrderThePiecesEnded() throws Exception {
        Simulation.Failure failure = plantedBug(new Simulation(new Simulation.Planted(PortDecorator.NONE,
                ChunkProcessor.LONGEST_CHUNK, random -> new Overlap() {
                    @Override
                    public <I, O> List<O> map(List<I> items, Function<? super I, ? extends O> work) {
                        List<I> ended = new ArrayList<>(items);
                        Collections.shuffle(ended, random);
                        return ended.stream().<O>map(work).toList();
                    }
                })));
        assertTrue(failure.violation().startsWith("order"), failure.violation());
    }

    private static Schedule.Outcome run(long seed, boolean traced) {
        try (Interleaving lanes = new Interleaving()) {
            return Schedule.run(seed, traced, Simulation.Planted.NOTHING, lanes);
        }
    }

    private static Simulation.Failure plantedBug(PortDecorator bug) throws Exception {
        return plantedBug(new Simulation(bug));
    }

    static Simulation.Failure plantedBug(Simulation simulation) throws Exception {
        Simulation.Result result = simulation.run(20_000, 1, 2);
        System.out.println(result.line());
        assertNotNull(result.failure(), "the planted bug is found within 20,000 schedules");
        System.out.println("found with seed " + result.failure().seed() + ": " + result.failure().violation()
                + " (" + result.failure().faults() + " of " + result.failure().originalFaults() + " faults kept)");
        assertTrue(result.failure().trace().size() > 0);
        return result.failure();
    }
}
