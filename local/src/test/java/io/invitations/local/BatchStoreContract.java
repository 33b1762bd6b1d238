package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.RowResult;
import io.invitations.batch.SourceObject;
import io.invitations.csv.ColumnLayout;
import io.invitations.csv.ColumnSet;
import io.invitations.invitation.Tokens;
import io.invitations.store.BatchStore;
import io.invitations.store.BatchStore.Cancel;
import io.invitations.store.BatchStore.ChunkStart;
import io.invitations.store.BatchStore.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BatchStore} promises, as DynamoDB's conditional writes keep it: the same cases run against the
 * in-memory store (the fast tests' and the simulator's) and against {@code DynamoBatchStore} on DynamoDB Local, so
 * that the fake cannot drift from the adapter. Each case works on batches of its own (fresh ids).
 */
abstract class BatchStoreContract {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    /** The store under test, over a table shared by the cases. */
    abstract BatchStore store();

    @Test
    void aBatchIsRegisteredOnceAndReadBackAsItWasGiven() {
        BatchRecord batch = started(5);
        assertTrue(store().register(batch));
        assertFalse(store().register(batch), "a repeated registration writes nothing");
        BatchRecord found = store().find(batch.batchId()).orElseThrow();
        assertEquals(BatchStatus.SPLITTING, found.status());
        assertEquals(5, found.counts().total());
        assertEquals(batch.source(), found.source());
        assertEquals(batch.context(), found.context());
        assertTrue(store().find("b-" + "0".repeat(32)).isEmpty());
    }

    @Test
    void markingAnUnknownBatchEnqueuedChangesNothing() {
        String unknown = "b-" + UUID.randomUUID().toString().replace("-", "");
        store().markEnqueued(unknown);
        assertTrue(store().find(unknown).isEmpty());
    }

    @Test
    void eachChunkCountsOnceAndOnlyTheLastRowsSaySo() {
        BatchRecord batch = registered(5);
        store().markEnqueued(batch.batchId());
        assertEquals(BatchStatus.RUNNING, store().find(batch.batchId()).orElseThrow().status());
        assertEquals(Recorded.COUNTED, store().recordChunk(chunk(batch, 0, 1, 2), 5));
        assertEquals(Recorded.BEFORE, store().recordChunk(chunk(batch, 0, 1, 2), 5), "a redelivery");
        assertEquals(Set.of(0), store().recordedChunks(batch.batchId()));
        assertTrue(store().unrecordedChunk(batch.batchId(), 0).isEmpty());
        assertTrue(store().unrecordedChunk(batch.batchId(), 1).isPresent());
        assertFalse(store().markComplete(batch.batchId(), NOW), "rows remain");
        assertEquals(Recorded.COUNTED_LAST, store().recordChunk(chunk(batch, 1, 3, 4, 5), 5));
        BatchRecord counted = store().find(batch.batchId()).orElseThrow();
        assertEquals(5, counted.counts().processed());
        assertEquals(5, counted.counts().failed());
        assertTrue(store().markComplete(batch.batchId(), NOW));
        assertTrue(store().markComplete(batch.batchId(), NOW.plusSeconds(9)), "again: still complete");
        assertEquals(NOW, store().find(batch.batchId()).orElseThrow().times().completed(), "the first stamp kept");
        List<Integer> visited = new ArrayList<>();
        store().forEachChunk(batch.batchId(), chunk -> visited.add(chunk.chunkIndex()));
        assertEquals(List.of(0, 1), visited, "in chunk order");
    }

    @Test
    void aChunkOfAnUnregisteredBatchIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> store().unrecordedChunk("b-" + UUID.randomUUID().toString().replace("-", ""), 0));
    }

    @Test
    void theFirstAttemptAtAChunkDecidesForAll() {
        BatchRecord batch = registered(3);
        assertEquals(ChunkStart.FIRST, store().startChunk(batch.batchId(), 0, false));
        assertEquals(ChunkStart.AGAIN, store().startChunk(batch.batchId(), 0, true));
        assertEquals(ChunkStart.FIRST, store().startChunk(batch.batchId(), 1, true));
        assertEquals(ChunkStart.CANCELLED, store().startChunk(batch.batchId(), 1, false));
    }

    @Test
    void aCancelTakesOnlyWhileRowsAreCounted() {
        BatchRecord batch = registered(2);
        assertEquals(Cancel.CANCELLED, store().cancel(batch.batchId(), NOW));
        assertEquals(Cancel.CANCELLED, store().cancel(batch.batchId(), NOW.plusSeconds(5)), "safe to repeat");
        BatchRecord cancelled = store().find(batch.batchId()).orElseThrow();
        assertEquals(NOW, cancelled.times().cancelled());
        assertTrue(store().unrecordedChunk(batch.batchId(), 0).orElseThrow().cancelled());
        store().recordChunk(chunk(batch, 0, 1, 2), 2);
        store().markComplete(batch.batchId(), NOW);
        store().markFinished(batch.batchId(), BatchStatus.CANCELLED, NOW);
        assertEquals(BatchStatus.CANCELLED, store().find(batch.batchId()).orElseThrow().status());
        assertEquals(Cancel.NOTHING_LEFT, store().cancel(batch.batchId(), NOW));
        assertEquals(Cancel.UNKNOWN, store().cancel("b-" + UUID.randomUUID().toString().replace("-", ""), NOW));
    }

    @Test
    void aRepeatKeyIsHeldWithinItsWindow() {
        String key = UUID.randomUUID().toString();
        Duration window = Duration.ofDays(7);
        assertEquals("b-first", store().claimRepeatKey(key, "b-first", NOW, window));
        assertEquals("b-first", store().claimRepeatKey(key, "b-first", NOW.plusSeconds(1), window), "a retry");
        assertEquals("b-first", store().claimRepeatKey(key, "b-second", NOW.plus(Duration.ofDays(6)), window));
        assertEquals("b-third", store().claimRepeatKey(key, "b-third", NOW.plus(Duration.ofDays(8)), window),
                "after the window the file is new again");
    }

    @Test
    void aBatchFinishesOnlyFromAggregating() {
        BatchRecord batch = registered(1);
        assertThrows(IllegalStateException.class,
                () -> store().markFinished(batch.batchId(), BatchStatus.COMPLETED, NOW));
        store().recordChunk(chunk(batch, 0, 1), 1);
        assertTrue(store().markComplete(batch.batchId(), NOW));
        store().markFinished(batch.batchId(), BatchStatus.COMPLETED, NOW);
        store().markFinished(batch.batchId(), BatchStatus.COMPLETED, NOW.plusSeconds(1));
        BatchRecord finished = store().find(batch.batchId()).orElseThrow();
        assertEquals(BatchStatus.COMPLETED, finished.status());
        assertEquals(NOW, finished.times().finished());
        assertTrue(store().idleSince(NOW.plus(Duration.ofDays(1))).stream()
                .noneMatch(b -> b.batchId().equals(batch.batchId())), "a finished batch is never idle");
    }

    private BatchRecord registered(long rows) {
        BatchRecord batch = started(rows);
        assertTrue(store().register(batch));
        return batch;
    }

    private static BatchRecord started(long rows) {
        SourceObject source = new SourceObject("bucket", "incoming/create/" + UUID.randomUUID() + ".csv", "", "etag",
                "", 100);
        BatchContext context = new BatchContext(source.batchId(), BatchKind.CREATE, NOW, new Tokens().newBatchKey(),
                ColumnLayout.positional(ColumnSet.CREATE), BatchOptions.defaults(BatchKind.CREATE), null);
        return BatchRecord.started(BatchKind.CREATE, source, rows, context);
    }

    private static ChunkResult chunk(BatchRecord batch, int index, long... lines) {
        List<RowResult> rows = LongStream.of(lines)
                .<RowResult>mapToObj(line -> new RowResult.CreateFailed(line, List.of("n", "x"), "line " + line))
                .toList();
        return new ChunkResult(batch.batchId(), index, rows);
    }
}
