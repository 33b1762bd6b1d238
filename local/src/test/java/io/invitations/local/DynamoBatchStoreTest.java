package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoBatchStore;
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
import io.invitations.local.bench.RequestCounter;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.BatchStore.Recorded;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Callable;
import java.util.Set;
import java.util.HashSet;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The batch store's counting on DynamoDB Local: the answers DynamoDB gives a transaction whose conditions fail
 * (its cancellation reasons, item by item) are what tells a chunk counted before from the batch's last chunk.
 */
@ExtendWith(SharedPipeline.class)
class DynamoBatchStoreTest {

    @Test
    void onlyTheChunkThatCountsTheLastRowsIsToldSoAndARepeatChangesNothing(LocalPipeline pipeline) {
        RequestCounter requests = new RequestCounter();
        DynamoBatchStore store = store(pipeline, requests);
        String batchId = registered(store, 5);

        assertEquals(Recorded.COUNTED, store.recordChunk(chunk(batchId, 0, 1, 2), 5));
        assertEquals(Recorded.BEFORE, store.recordChunk(chunk(batchId, 0, 1, 2), 5), "a redelivery");
        assertEquals(Recorded.COUNTED, store.recordChunk(chunk(batchId, 2, 5), 5));
        assertEquals(3, transactions(requests), "one transaction per call while rows remain");
        assertEquals(Recorded.COUNTED_LAST, store.recordChunk(chunk(batchId, 1, 3, 4), 5));
        assertEquals(5, transactions(requests), "the last chunk's first transaction is refused, the second counts");
        assertEquals(Recorded.BEFORE, store.recordChunk(chunk(batchId, 1, 3, 4), 5), "a redelivery of the last");

        BatchRecord batch = store.find(batchId).orElseThrow();
        assertEquals(5, batch.counts().processed());
        assertEquals(5, batch.counts().failed());
        assertTrue(store.markComplete(batchId, Instant.now()), "every row counted: the batch can complete");
    }

    @Test
    void aBatchOfOneChunkIsCountedInOneTransaction(LocalPipeline pipeline) {
        RequestCounter requests = new RequestCounter();
        DynamoBatchStore store = store(pipeline, requests);
        String batchId = registered(store, 3);

        assertEquals(Recorded.COUNTED_LAST, store.recordChunk(chunk(batchId, 0, 1, 2, 3), 3));
        assertEquals(1, transactions(requests));
    }

    @Test
    void aChunkOfAnUnregisteredBatchIsAnError(LocalPipeline pipeline) {
        DynamoBatchStore store = store(pipeline, new RequestCounter());
        assertThrows(TransactionCanceledException.class,
                () -> store.recordChunk(chunk("b-" + UUID.randomUUID(), 0, 1, 2), 4));
    }

    /**
     * A file's repeat key goes to one batch, however many claim it at once (one conditional write each, no read
     * first), for the repeat window; the same batch claiming it again keeps it; after the window, the next claimer.
     */
    @Test
    void aRepeatKeyGoesToOneOfManyClaimsAtOnceForTheWindow(LocalPipeline pipeline) throws Exception {
        DynamoBatchStore store = store(pipeline, new RequestCounter());
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Duration week = Duration.ofDays(7);
        List<Callable<String>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String batchId = "b-claim-" + i;
            claims.add(() -> store.claimRepeatKey(key, batchId, now, week));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> holders = new HashSet<>();
        try {
            for (Future<String> claim : pool.invokeAll(claims)) {
                holders.add(claim.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, holders.size(), "every claim names the same holder: " + holders);
        String holder = holders.iterator().next();
        assertEquals(holder, store.claimRepeatKey(key, holder, now.plusSeconds(60), week), "a retry keeps it");
        assertEquals(holder, store.claimRepeatKey(key, "b-later", now.plus(Duration.ofDays(6)), week));
        assertEquals("b-later", store.claimRepeatKey(key, "b-later", now.plus(Duration.ofDays(8)), week),
                "past the window the file is new again");
    }

    /** A repeat waits on its original and completes with the original's context and counts (and error, if any). */
    @Test
    void aRepeatCompletesWithItsOriginalsContextAndCounts(LocalPipeline pipeline) {
        DynamoBatchStore store = store(pipeline, new RequestCounter());
        String original = registered(store, 2);
        store.recordChunk(chunk(original, 0, 1, 2), 2);
        store.markComplete(original, Instant.now());
        SourceObject source = new SourceObject("bucket", "incoming/create/" + UUID.randomUUID() + ".csv", "", "e",
                "", 100);
        assertTrue(store.register(BatchRecord.repeating(BatchKind.CREATE, source, 2, Instant.now(), original)));
        store.addRepeat(original, source.batchId());
        store.addRepeat(original, source.batchId());
        assertEquals(Set.of(source.batchId()), store.repeatsOf(original));
        assertEquals(Set.of(), store.repeatsOf(source.batchId()));
        BatchRecord waiting = store.find(source.batchId()).orElseThrow();
        assertEquals(original, waiting.repeatOf());
        assertNull(waiting.context());

        BatchRecord finished = store.find(original).orElseThrow();
        assertTrue(store.completeRepeat(source.batchId(), finished, null, Instant.now()));
        assertTrue(store.completeRepeat(source.batchId(), finished, null, Instant.now()), "again: still complete");
        BatchRecord repeat = store.find(source.batchId()).orElseThrow();
        assertEquals(BatchStatus.AGGREGATING, repeat.status());
        assertEquals(finished.context(), repeat.context(), "its results are written from the original's context");
        assertEquals(2, repeat.counts().processed());
        assertEquals(2, repeat.counts().failed());
        assertNull(repeat.error());
        store.markFinished(source.batchId(), BatchStatus.COMPLETED, Instant.now());
        assertTrue(store.completeRepeat(source.batchId(), finished, "late", Instant.now()), "finished: complete");
        assertNull(store.find(source.batchId()).orElseThrow().error(), "and unchanged");
    }

    private static long transactions(RequestCounter requests) {
        return requests.counts().request("DynamoDb.TransactWriteItems");
    }

    private static DynamoBatchStore store(LocalPipeline pipeline, RequestCounter requests) {
        AwsClients clients = LocalClients.forEndpoints(pipeline.endpoints(), requests, AwsClients.Http.URL_CONNECTION);
        return new DynamoBatchStore(clients.dynamo(), pipeline.resources().config().batchesTable(), Clock.systemUTC());
    }

    private static String registered(DynamoBatchStore store, long rows) {
        SourceObject source = new SourceObject("bucket", "incoming/create/" + UUID.randomUUID() + ".csv", "", "etag",
                "", 100);
        BatchContext context = new BatchContext(source.batchId(), BatchKind.CREATE, Instant.now(),
                new Tokens().newBatchKey(), ColumnLayout.positional(ColumnSet.CREATE),
                BatchOptions.defaults(BatchKind.CREATE), null);
        assertTrue(store.register(BatchRecord.started(BatchKind.CREATE, source, rows, context)));
        return source.batchId();
    }

    private static ChunkResult chunk(String batchId, int index, long... lines) {
        List<RowResult> rows = LongStream.of(lines)
                .<RowResult>mapToObj(line -> new RowResult.CreateFailed(line, List.of("n", "x"), "line " + line))
                .toList();
        return new ChunkResult(batchId, index, rows);
    }
}
