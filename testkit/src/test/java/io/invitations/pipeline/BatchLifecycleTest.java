package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.ChunkMessageBody;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.memory.InMemoryQueue;
import io.invitations.memory.PortDecorator;
import io.invitations.observe.BatchFinished;
import io.invitations.observe.ChunkRecorded;
import io.invitations.store.BatchStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Completion, aggregation, the sweeper and resumption: every batch ends with its outputs, written once. */
class BatchLifecycleTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline(10, 3);

    @Test
    void resultsFollowInputOrderWhateverOrderTheChunksAreCountedIn() {
        SourceObject upload = pipeline.upload("incoming/create/order.csv", Csv.createRows("R", 45), Map.of());
        pipeline.split(upload);
        List<InMemoryQueue.Delivery> deliveries = new ArrayList<>(pipeline.chunks.queue().receive(10));
        Collections.reverse(deliveries);
        for (InMemoryQueue.Delivery delivery : deliveries) {
            pipeline.processor.process(ChunkMessageBody.decode(delivery.body()));
            pipeline.chunks.queue().delete(delivery);
        }
        pipeline.settle();
        List<String[]> rows = Csv.rows(pipeline.finished(upload).orElseThrow().results().orElseThrow());
        for (int i = 0; i < 45; i++) {
            assertEquals("R " + (i + 1), rows.get(i)[0]);
        }
    }

    @Test
    void aggregatingTwiceWritesTheSameBytes() {
        String results = "results/create/twice-results.csv";
        // The first aggregation writes the results and dies before the summary: the retry writes them again.
        pipeline.objects.refuseWrites(key -> key.endsWith("-summary.json"));
        SourceObject upload = pipeline.upload("incoming/create/twice.csv", Csv.createRows("T", 12), Map.of());
        pipeline.split(upload);
        pipeline.runWorker();
        assertEquals(1, pipeline.runAggregator());
        String first = pipeline.objects.read(InMemoryPipeline.BUCKET, results).orElseThrow();
        assertFalse(pipeline.finished(upload).isPresent());

        pipeline.objects.refuseWrites(key -> false);
        pipeline.aggregator.aggregate(upload.batchId());
        assertEquals(2, pipeline.objects.versions(InMemoryPipeline.BUCKET, results), "written twice");
        assertEquals(first, pipeline.objects.read(InMemoryPipeline.BUCKET, results).orElseThrow());
        BatchRecord done = pipeline.batches.find(upload.batchId()).orElseThrow();
        assertEquals(1, pipeline.observed.finished.size(), "reported once its summary is written");
        pipeline.aggregator.aggregate(upload.batchId());
        assertEquals(2, pipeline.objects.versions(InMemoryPipeline.BUCKET, results), "a finished batch: nothing");
        assertEquals(1, pipeline.observed.finished.size(), "a repeated notice reports nothing");
        assertEquals(done.times().finished(), pipeline.batches.find(upload.batchId()).orElseThrow().times().finished());
    }

    @Test
    void theStatusMovesSplittingRunningAggregatingCompleted() {
        SourceObject upload = pipeline.upload("incoming/create/life.csv", Csv.createRows("L", 15), Map.of());
        List<BatchStatus> seen = new ArrayList<>();
        pipeline.split(upload);
        seen.add(pipeline.batches.find(upload.batchId()).orElseThrow().status());
        pipeline.runWorker();
        seen.add(pipeline.batches.find(upload.batchId()).orElseThrow().status());
        pipeline.runAggregator();
        seen.add(pipeline.batches.find(upload.batchId()).orElseThrow().status());
        assertEquals(List.of(BatchStatus.RUNNING, BatchStatus.AGGREGATING, BatchStatus.COMPLETED), seen);
        assertEquals(BatchStatus.COMPLETED, pipeline.finished(upload).orElseThrow().summary().status());
    }

    @Test
    void aLostChunkIsFoundByTheSweeperAfterTheIdleBoundAndItsRowsFailed() {
        SourceObject upload = pipeline.upload("incoming/create/lost.csv", Csv.createRows("X", 25), Map.of());
        pipeline.split(upload);
        InMemoryQueue.Delivery lost = pipeline.chunks.queue().receive(1).get(0);
        pipeline.chunks.queue().delete(lost);
        pipeline.settle(1);
        assertFalse(pipeline.finished(upload).isPresent());
        assertEquals(0, pipeline.sweeper.sweep(), "not idle long enough");

        pipeline.clock.advance(InMemoryPipeline.STALLED_AFTER.plusMinutes(1));
        assertEquals(1, pipeline.sweeper.sweep());
        pipeline.settle();
        InMemoryPipeline.Finished done = pipeline.finished(upload).orElseThrow();
        assertEquals(10, done.summary().failed(), "the lost chunk's rows");
        assertEquals(15, done.summary().succeeded());
        assertTrue(Csv.rows(done.results().orElseThrow()).get(0)[9].contains("made no progress for 60 minutes"));
        assertEquals(0, pipeline.sweeper.sweep(), "a finished batch is not swept again");
        assertEquals(List.of(upload.batchId()), pipeline.observed.swept);
        assertEquals(List.of(10), pipeline.observed.chunks.stream()
                .filter(c -> c.how() == ChunkRecorded.How.SWEPT).map(ChunkRecorded::rows).toList());
        assertEquals(25, pipeline.observed.chunks.stream().mapToInt(ChunkRecorded::rows).sum(), "each row once");
    }

    @Test
    void anAggregationThatKeepsFailingIsRestartedAtMostThreeTimesThenEndsFailed() {
        pipeline.objects.refuseWrites(key -> key.endsWith("-results.csv"));
        SourceObject upload = pipeline.upload("incoming/create/stuck.csv", Csv.createRows("S", 5), Map.of());
        pipeline.split(upload);
        pipeline.settle();
        assertEquals(BatchStatus.AGGREGATING, pipeline.batches.find(upload.batchId()).orElseThrow().status());
        for (int restart = 1; restart <= BatchSweeper.MAX_AGGREGATION_RESTARTS + 1; restart++) {
            pipeline.clock.advance(InMemoryPipeline.STALLED_AFTER.plusMinutes(1));
            assertEquals(1, pipeline.sweeper.sweep(), "restart " + restart);
            pipeline.settle();
        }
        InMemoryPipeline.Finished done = pipeline.finished(upload).orElseThrow();
        assertEquals(BatchStatus.FAILED, done.summary().status());
        assertNull(done.summary().results());
        assertTrue(done.summary().error().contains("after 3 restarts"), done.summary().error());
        assertTrue(done.summary().error().contains("Nothing it created was kept"), done.summary().error());
        java.util.concurrent.atomic.AtomicInteger kept = new java.util.concurrent.atomic.AtomicInteger();
        pipeline.invitations.forEach(i -> kept.incrementAndGet());
        assertEquals(0, kept.get(), "a FAILED batch keeps none of its invitations");
        assertEquals(List.of(BatchFinished.Outcome.FAILED),
                pipeline.observed.finished.stream().map(BatchFinished::outcome).toList());
        pipeline.clock.advance(InMemoryPipeline.STALLED_AFTER.plusMinutes(1));
        assertEquals(0, pipeline.sweeper.sweep());
    }

    /** Found by the simulator: one stalled batch that cannot be swept held up every other. */
    @Test
    void aSweepThatFailsOnOneBatchStillSweepsTheOthersAndReadsEachBatchsChunksOnce() {
        java.util.Set<String> poisoned = new java.util.HashSet<>();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryPipeline faulty = new InMemoryPipeline(1, 7, PortDecorator.overriding(BatchStore.class,
                "recordedChunks", (store, args) -> {
                    reads.incrementAndGet();
                    if (poisoned.contains((String) args[0])) {
                        throw new IllegalStateException("throttled");
                    }
                    return store.recordedChunks((String) args[0]);
                }));
        SourceObject first = faulty.upload("incoming/create/first.csv", Csv.createRows("F", 30), Map.of());
        SourceObject second = faulty.upload("incoming/create/second.csv", Csv.createRows("S", 30), Map.of());
        faulty.split(first);
        faulty.split(second);
        // Every chunk message is lost: both batches stall with 30 uncounted chunks of one row.
        for (List<InMemoryQueue.Delivery> lost = faulty.chunks.queue().receive(10); !lost.isEmpty();
                lost = faulty.chunks.queue().receive(10)) {
            lost.forEach(faulty.chunks.queue()::delete);
        }
        faulty.clock.advance(InMemoryPipeline.STALLED_AFTER.plusHours(1));
        poisoned.add(first.batchId());
        assertThrows(IllegalStateException.class, faulty.sweeper::sweep, "the run fails, so that the next retries");
        assertEquals(2, reads.get(), "one read of the recorded chunks per batch, not one per chunk");
        faulty.settle();
        assertTrue(faulty.finished(second).isPresent(), "the other batch was swept and finished");
        assertFalse(faulty.finished(first).isPresent());
        poisoned.clear();
        faulty.clock.advance(InMemoryPipeline.STALLED_AFTER.plusHours(1));
        faulty.sweeper.sweep();
        faulty.settle();
        assertEquals(30, faulty.finished(first).orElseThrow().summary().failed());
    }

    @Test
    void onlyTheWorkerThatCountsTheLastRowsAsksToCompleteTheBatchAndNoWorkerReadsTheCounters() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryPipeline counting = new InMemoryPipeline(1, 7, PortDecorator.overriding(BatchStore.class,
                "markComplete", (store, args) -> {
                    asked.incrementAndGet();
                    return store.markComplete((String) args[0], (java.time.Instant) args[1]);
                }).then(PortDecorator.overriding(BatchStore.class, "find", (store, args) -> {
                    reads.incrementAndGet();
                    return store.find((String) args[0]);
                })));
        SourceObject upload = counting.upload("incoming/create/five.csv", Csv.createRows("S", 5), Map.of());
        counting.split(upload);
        int splitterReads = reads.get();
        int splitterAsks = asked.get();
        assertEquals(5, counting.runWorker(), "one invocation takes the 5 chunks");
        assertEquals(splitterReads, reads.get(), "a chunk's first delivery reads no counters back");
        assertEquals(splitterAsks + 1, asked.get(), "5 chunks of one row: only the last one counted asks");
        counting.settle();
        assertEquals(5, counting.finished(upload).orElseThrow().summary().succeeded());
    }

    @Test
    void aChunkThatCannotBeSweptNowDoesNotHoldUpTheBatchsOthers() {
        java.util.Set<Integer> poisoned = new java.util.HashSet<>(List.of(0, 17));
        InMemoryPipeline faulty = new InMemoryPipeline(1, 7, PortDecorator.overriding(BatchStore.class,
                "recordChunk", (store, args) -> {
                    ChunkResult result = (ChunkResult) args[0];
                    if (poisoned.contains(result.chunkIndex())) {
                        throw new IllegalStateException("throttled");
                    }
                    return store.recordChunk(result, (Long) args[1]);
                }));
        SourceObject upload = faulty.upload("incoming/create/stalled.csv", Csv.createRows("S", 30), Map.of());
        faulty.split(upload);
        for (List<InMemoryQueue.Delivery> lost = faulty.chunks.queue().receive(10); !lost.isEmpty();
                lost = faulty.chunks.queue().receive(10)) {
            lost.forEach(faulty.chunks.queue()::delete);
        }
        faulty.clock.advance(InMemoryPipeline.STALLED_AFTER.plusHours(1));
        assertThrows(IllegalStateException.class, faulty.sweeper::sweep, "the run fails, so that the next retries");
        assertEquals(28, faulty.batches.find(upload.batchId()).orElseThrow().counts().processed(),
                "every chunk but the two refused ones was counted in the first sweep");
        poisoned.clear();
        faulty.clock.advance(InMemoryPipeline.STALLED_AFTER.plusHours(1));
        faulty.sweeper.sweep();
        faulty.settle();
        assertEquals(30, faulty.finished(upload).orElseThrow().summary().failed());
    }

    @Test
    void aBatchWhoseSummaryCannotBeWrittenIsAbandonedToTheAlarmsAfterItsRestarts() {
        pipeline.objects.refuseWrites(key -> key.startsWith("results/"));
        SourceObject upload = pipeline.upload("incoming/create/abandoned.csv", Csv.createRows("S", 5), Map.of());
        pipeline.split(upload);
        pipeline.settle();
        for (int sweep = 1; sweep <= BatchSweeper.MAX_AGGREGATION_RESTARTS + 2; sweep++) {
            pipeline.clock.advance(InMemoryPipeline.STALLED_AFTER.plusMinutes(1));
            pipeline.sweeper.sweep();
            pipeline.settle();
        }
        assertFalse(pipeline.finished(upload).isPresent());
        assertEquals(List.of(upload.batchId()), pipeline.observed.abandoned);
        assertEquals(BatchSweeper.MAX_AGGREGATION_RESTARTS + 1, pipeline.observed.swept.size());
        assertTrue(pipeline.observed.finished.isEmpty());
    }

    @Test
    void aBatchInterruptedWithItsQueueLostResumesExactlyOnce() {
        SourceObject upload = pipeline.upload("incoming/create/resume.csv", Csv.createRows("Q", 30), Map.of());
        pipeline.split(upload);
        pipeline.runWorker();
        // The queue is lost (a local server restarted): every message, counted or not, is gone.
        while (!pipeline.chunks.queue().receive(10).isEmpty()) {
            pipeline.clock.advance(Duration.ofSeconds(1));
        }
        pipeline.clock.advance(InMemoryPipeline.CHUNK_VISIBILITY.multipliedBy(10));
        pipeline.chunks.queue().takeDeadLetters(Integer.MAX_VALUE);
        assertEquals(1, pipeline.resumption.resumeAll());
        pipeline.settle();
        InMemoryPipeline.Finished done = pipeline.finished(upload).orElseThrow();
        assertEquals(30, done.summary().succeeded());
        assertEquals(30, Csv.rows(done.results().orElseThrow()).stream().map(r -> r[2]).distinct().count());
    }

    @Test
    void aChunkMessageNamesItsBatchButCarriesNoneOfItsSecrets() {
        SourceObject upload = pipeline.upload("incoming/create/secret.csv", Csv.createRows("K", 3), Map.of());
        pipeline.split(upload);
        String body = pipeline.chunks.queue().receive(1).get(0).body();
        ChunkMessage chunk = ChunkMessageBody.decode(body);
        assertEquals(upload.batchId(), chunk.batchId());
        String key = pipeline.batches.find(upload.batchId()).orElseThrow().context().tokenKey();
        assertFalse(body.contains(key));
    }
}
