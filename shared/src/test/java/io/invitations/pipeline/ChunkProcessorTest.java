package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.ChunkMessageBody;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.memory.InMemoryQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The worker's service: each chunk counted exactly once, bad rows failing alone, dead letters given up. */
class ChunkProcessorTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline(10, 2);

    @Test
    void aChunkDeliveredTwiceIsCountedOnceAndIssuesTheSameInvitations() {
        SourceObject upload = pipeline.upload("incoming/create/twice.csv", Csv.createRows("S", 10), Map.of());
        pipeline.split(upload);
        InMemoryQueue.Delivery delivery = pipeline.chunks.queue().receive(1).get(0);
        ChunkMessage chunk = ChunkMessageBody.decode(delivery.body());
        pipeline.processor.process(chunk);
        AtomicInteger stored = new AtomicInteger();
        pipeline.invitations.forEach(i -> stored.incrementAndGet());
        pipeline.processor.process(chunk);

        BatchRecord batch = pipeline.batches.find(upload.batchId()).orElseThrow();
        assertEquals(10, batch.processedRows());
        assertEquals(10, batch.succeededRows());
        AtomicInteger again = new AtomicInteger();
        pipeline.invitations.forEach(i -> again.incrementAndGet());
        assertEquals(10, stored.get());
        assertEquals(stored.get(), again.get(), "the retry rewrote the same invitations");
        assertEquals(BatchStatus.AGGREGATING, batch.status(), "the only chunk: the batch is complete");
    }

    @Test
    void badRowsFailAloneWithTheirLineAndTheResultsKeepInputOrder() {
        String csv = Csv.CREATE_HEADER + "Ann,read_only\nBob,superuser\n,read_only\nCy,admin,30,yes,no,no,1\n";
        InMemoryPipeline.Finished done = pipeline.run("incoming/create/mixed.csv", csv);
        List<String[]> rows = Csv.rows(done.results().orElseThrow());
        assertEquals(List.of("Ann", "Bob", "", "Cy"), rows.stream().map(r -> r[0]).toList());
        assertEquals(List.of("Success", "Failed", "Failed", "Success"), rows.stream().map(r -> r[8]).toList());
        assertTrue(rows.get(1)[9].startsWith("line 3: "), rows.get(1)[9]);
        assertTrue(rows.get(2)[9].startsWith("line 4: "), rows.get(2)[9]);
        assertEquals(2, done.summary().succeeded());
        assertEquals(2, done.summary().failed());
    }

    @Test
    void aChunkThatReachedTheDeadLetterQueueHasItsRowsFailedAndItsInvitationsRemoved() {
        SourceObject upload = pipeline.upload("incoming/create/poison.csv", Csv.createRows("P", 15), Map.of());
        pipeline.split(upload);
        ChunkMessage first = ChunkMessageBody.decode(pipeline.chunks.queue().receive(1).get(0).body());
        // Its worker writes the invitations and dies before recording them, every time it is tried.
        pipeline.batches.crashBeforeRecordingChunks(1);
        assertThrows(IllegalStateException.class, () -> pipeline.processor.process(first));
        AtomicInteger written = new AtomicInteger();
        pipeline.invitations.forEach(i -> written.incrementAndGet());
        assertEquals(10, written.get());
        pipeline.processor.deadLettered(first, "5");
        pipeline.settle();

        InMemoryPipeline.Finished done = pipeline.finished(upload).orElseThrow();
        List<String[]> rows = Csv.rows(done.results().orElseThrow());
        assertEquals(15, rows.size());
        assertEquals(10, rows.stream().filter(r -> r[8].equals("Failed")).count());
        assertTrue(rows.get(0)[9].startsWith("line 2: not processed after 5 attempts"), rows.get(0)[9]);
        AtomicInteger stored = new AtomicInteger();
        pipeline.invitations.forEach(i -> stored.incrementAndGet());
        assertEquals(5, stored.get(), "an invitation exists for each Success row only");
    }
}
