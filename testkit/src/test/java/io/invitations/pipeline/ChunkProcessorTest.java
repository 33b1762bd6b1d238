package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.ChunkMessageBody;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.store.InvitationStore;
import io.invitations.registry.Registration;
import io.invitations.memory.InMemoryQueue;
import io.invitations.memory.PortDecorator;
import io.invitations.store.BatchStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The worker's service: each chunk counted exactly once, bad rows failing alone, dead letters given up. */
class ChunkProcessorTest {
    /** How many of the next recordChunk calls fail before anything is written (the worker dies). */
    private final AtomicInteger recordChunkCrashes = new AtomicInteger();
    private final InMemoryPipeline pipeline = new InMemoryPipeline(10, 2, PortDecorator.overriding(BatchStore.class,
            "recordChunk", (batches, args) -> {
                if (recordChunkCrashes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("injected: the worker died before recording its chunk");
                }
                return batches.recordChunk((ChunkResult) args[0], (Long) args[1]);
            }));

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
        assertEquals(10, batch.counts().processed());
        assertEquals(10, batch.counts().succeeded());
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

    /**
     * A create chunk whose worker wrote its invitations and died before recording them, every time it was tried:
     * the dead-letter path keeps what it created (an export may have listed it, an accept used it) and reports those
     * rows Success; the rows it never wrote fail, naming why.
     */
    @Test
    void aDeadLetteredChunkKeepsWhatItCreatedAndFailsTheRest() {
        SourceObject upload = pipeline.upload("incoming/create/poison.csv", Csv.createRows("P", 15), Map.of());
        ChunkMessage first = writtenNotCounted(upload);
        String token = stored().get(0).invitation().token();
        pipeline.invitations.markRevoked(token, pipeline.clock.instant());
        // One invitation of the chunk never written (the attempt died part way through its writes).
        String missing = stored().get(1).invitation().token();
        pipeline.invitations.deleteAll(List.of(missing));
        pipeline.processor.deadLettered(first, "5");
        pipeline.settle();

        List<String[]> rows = Csv.rows(pipeline.finished(upload).orElseThrow().results().orElseThrow());
        assertEquals(15, rows.size());
        assertEquals(1, rows.stream().filter(r -> r[8].equals("Failed")).count(), "only the row never written");
        String[] failed = rows.stream().filter(r -> r[8].equals("Failed")).findFirst().orElseThrow();
        assertTrue(failed[9].contains("not processed after 5 attempts"), failed[9]);
        assertEquals(14, stored().size(), "an invitation for each Success row, none removed");
        assertTrue(pipeline.invitations.find(token).orElseThrow().revoked(), "kept as it was: revoked");
    }

    /** A redelivered chunk whose first attempt wrote its invitations writes only those missing: nothing used is undone. */
    @Test
    void aRedeliveredCreateChunkReplacesNoInvitationInUse() {
        SourceObject upload = pipeline.upload("incoming/create/again.csv",
                Csv.createRows("A", 10).replace("no,no,yes,2", "no,yes,yes,2"), Map.of());
        ChunkMessage chunk = writtenNotCounted(upload);
        // Meanwhile an export handed the invitations out: one is revoked, another accepted on a device.
        String revoked = stored().get(0).invitation().token();
        pipeline.invitations.markRevoked(revoked, pipeline.clock.instant());
        var accepted = stored().get(1).invitation();
        pipeline.invitations.register(accepted, "laptop", "Laptop", pipeline.clock.instant());
        pipeline.invitations.register(accepted, "phone", "Phone", pipeline.clock.instant());

        pipeline.processor.process(chunk);
        assertTrue(pipeline.invitations.find(revoked).orElseThrow().revoked(), "still revoked");
        assertEquals(Registration.LIMIT_REACHED, pipeline.invitations.register(accepted, "tablet", "Tablet",
                pipeline.clock.instant()), "its two devices still counted against MaxDevices 2, not reset to 0");
        assertEquals(10, stored().size());
    }

    /** Splits the upload, and has its first chunk's worker write the invitations and die before counting them. */
    private ChunkMessage writtenNotCounted(SourceObject upload) {
        pipeline.split(upload);
        ChunkMessage chunk = ChunkMessageBody.decode(pipeline.chunks.queue().receive(1).get(0).body());
        recordChunkCrashes.set(1);
        assertThrows(IllegalStateException.class, () -> pipeline.processor.process(chunk));
        return chunk;
    }

    private List<InvitationStore.StoredInvitation> stored() {
        List<InvitationStore.StoredInvitation> all = new java.util.ArrayList<>();
        pipeline.invitations.forEach(all::add);
        return all;
    }
}
