package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.invitations.batch.ChunkResult;
import io.invitations.memory.PortDecorator;
import io.invitations.store.BatchStore;
import io.invitations.store.CompletionQueue;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import io.invitations.store.ObjectStore;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The contract suites can fail: each runs here against a store or queue with one planted divergence from AWS's
 * behaviour, on the in-memory side and on the real adapter's, and the case that covers it fails. (The planted
 * classes are nested, so the build does not run them on their own.)
 */
class PlantedDivergencesTest {

    @Test
    void anInMemoryBatchStoreThatRejectsMarkingAnUnknownBatch() {
        assertCaught(BatchStoreRejectingUnknown.class, "markingAnUnknownBatchEnqueuedChangesNothing");
    }

    @Test
    void aDynamoBatchStoreThatCountsARedeliveryAgain() {
        assertCaught(BatchStoreCountingTwice.class, "eachChunkCountsOnceAndOnlyTheLastRowsSaySo");
    }

    @Test
    void anInMemoryInvitationStoreWhoseLaterAttemptReplacesEverything() {
        assertCaught(InvitationStoreReplacing.class, "aLaterAttemptWritesOnlyWhatIsMissingAndReplacesNoRevocation");
    }

    @Test
    void anInMemoryRegistryWhoseRevocationKeepsTheDevices() {
        assertCaught(RegistryKeepingDevices.class, "aRevocationRemovesEveryDeviceAndClosesTheInvitation");
    }

    @Test
    void anInMemoryObjectStoreThatDropsSummaries() {
        assertCaught(ObjectStoreDroppingSummaries.class, "aSummaryIsWrittenInTheFormatItsReadersRead");
    }

    @Test
    void anInMemoryCompletionQueueThatIgnoresTheDeduplicationId() {
        assertCaught(CompletionQueueWithoutDeduplication.class, "aRepeatedCompletionNoticeStartsOneAggregation");
    }

    /** Runs the planted suite; exactly the named case fails. */
    private static void assertCaught(Class<?> planted, String failingCase) {
        List<String> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(planted)).execute()
                .testEvents().failed().stream().map(Event::getTestDescriptor)
                .map(test -> test.getDisplayName().replace("()", "")).toList();
        assertEquals(List.of(failingCase), failed, planted.getSimpleName());
    }

    static class BatchStoreRejectingUnknown extends InMemoryBatchStoreContractTest {
        @Override
        BatchStore store() {
            return PortDecorator.overriding(BatchStore.class, "markEnqueued", (store, args) -> {
                if (store.find((String) args[0]).isEmpty()) {
                    throw new IllegalStateException("no batch " + args[0]);
                }
                store.markEnqueued((String) args[0]);
                return null;
            }).around(BatchStore.class, super.store());
        }
    }

    static class BatchStoreCountingTwice extends DynamoBatchStoreContractTest {
        @Override
        BatchStore store() {
            return PortDecorator.overriding(BatchStore.class, "recordChunk", (store, args) -> {
                BatchStore.Recorded recorded = store.recordChunk((ChunkResult) args[0], (Long) args[1]);
                return recorded == BatchStore.Recorded.BEFORE ? BatchStore.Recorded.COUNTED : recorded;
            }).around(BatchStore.class, super.store());
        }
    }

    static class InvitationStoreReplacing extends InMemoryInvitationStoreContractTest {
        @Override
        InvitationStore store() {
            return PortDecorator.overriding(InvitationStore.class, "createMissing", (store, args) -> {
                @SuppressWarnings("unchecked")
                List<io.invitations.invitation.Invitation> invitations =
                        (List<io.invitations.invitation.Invitation>) args[0];
                store.deleteAll(invitations.stream().map(io.invitations.invitation.Invitation::token).toList());
                store.createAll(invitations);
                return null;
            }).around(InvitationStore.class, super.store());
        }
    }

    static class RegistryKeepingDevices extends InMemoryDeviceRegistryContractTest {
        @Override
        DeviceRegistry registry() {
            return PortDecorator.overriding(DeviceRegistry.class, "deregisterAll", (registry, args) -> 0)
                    .around(DeviceRegistry.class, super.registry());
        }
    }

    static class ObjectStoreDroppingSummaries extends InMemoryObjectStoreContractTest {
        @Override
        ObjectStore store() {
            return PortDecorator.overriding(ObjectStore.class, "writeSummary", (store, args) -> null)
                    .around(ObjectStore.class, super.store());
        }
    }

    static class CompletionQueueWithoutDeduplication extends InMemoryQueueContractTest {
        @Override
        CompletionQueue completions() {
            return PortDecorator.overriding(CompletionQueue.class, "batchCompleted", (queue, args) -> {
                queue.batchCompleted((String) args[0], UUID.randomUUID().toString());
                return null;
            }).around(CompletionQueue.class, super.completions());
        }
    }
}
