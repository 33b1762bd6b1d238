package io.invitations.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The splitter over the in-memory stores: what it registers and queues for a file. */
class BatchSplitterTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline(100, 1);

    @Test
    void aGoodFileIsRegisteredRunningWithItsRowsQueuedInChunks() {
        SourceObject upload = pipeline.upload("incoming/create/class.csv", Csv.createRows("Student", 250), Map.of());
        assertEquals(BatchSplitter.Outcome.QUEUED, pipeline.split(upload));
        BatchRecord batch = pipeline.batches.find(upload.batchId()).orElseThrow();
        assertEquals(BatchStatus.RUNNING, batch.status());
        assertEquals(250, batch.counts().total());
        assertEquals(3, pipeline.chunks.queue().depth(), "100 + 100 + 50 rows");
    }

    @Test
    void aCreateFilesChunksTakeRowsPerChunkAndARevocationsAtMostAHundred() {
        InMemoryPipeline defaults = new InMemoryPipeline(BatchSplitter.ChunkLimits.defaults().rowsPerChunk(), 1);
        assertEquals(250, BatchSplitter.ChunkLimits.defaults().rowsPerChunk());
        SourceObject create = defaults.upload("incoming/create/big.csv", Csv.createRows("S", 600), Map.of());
        defaults.split(create);
        assertEquals(3, defaults.chunks.queue().depth(), "250 + 250 + 100 rows");
        StringBuilder tokens = new StringBuilder("Token\n");
        for (int i = 0; i < 250; i++) {
            tokens.append("inv-unknown-").append(i).append('\n');
        }
        SourceObject revoke = defaults.upload("incoming/revoke/many.csv", tokens.toString(), Map.of());
        defaults.split(revoke);
        assertEquals(3 + 3, defaults.chunks.queue().depth(), "100 + 100 + 50 rows: each costs several requests");
    }

    @Test
    void aRepeatedEventForTheSameUploadQueuesNothingMore() {
        SourceObject upload = pipeline.upload("incoming/create/class.csv", Csv.createRows("Student", 150), Map.of());
        pipeline.split(upload);
        assertEquals(BatchSplitter.Outcome.DUPLICATE, pipeline.split(upload));
        assertEquals(2, pipeline.chunks.queue().depth());
    }

    @Test
    void aBadFileIsRejectedAsAWholeNamingItsLineAndEndsFailedWithoutResults() {
        SourceObject upload = pipeline.upload("incoming/create/bad.csv",
                Csv.CREATE_HEADER + "Ann,read_only\n\"Unclosed,read_only\n", Map.of());
        assertEquals(BatchSplitter.Outcome.REJECTED, pipeline.split(upload));
        assertEquals(0, pipeline.chunks.queue().depth());
        pipeline.settle();
        InMemoryPipeline.Finished done = pipeline.finished(upload).orElseThrow();
        assertEquals(BatchStatus.FAILED, done.summary().status());
        assertTrue(done.summary().error().contains("line 3"), done.summary().error());
        assertTrue(done.results().isEmpty());
    }

    @Test
    void anUploadDeletedBeforeItIsReadFailsItsBatchSayingSo() {
        SourceObject upload = pipeline.upload("incoming/create/gone.csv", Csv.createRows("A", 2), Map.of());
        pipeline.objects.deleteVersion(upload);
        assertEquals(BatchSplitter.Outcome.REJECTED, pipeline.split(upload));
        pipeline.settle();
        assertTrue(pipeline.finished(upload).orElseThrow().summary().error().contains("replaced or deleted"));
    }

    @Test
    void anInvalidOptionRejectsTheBatchNamingTheOption() {
        SourceObject upload = pipeline.upload("incoming/create/opt.csv", Csv.createRows("A", 2),
                Map.of("include-encoded", "maybe"));
        assertEquals(BatchSplitter.Outcome.REJECTED, pipeline.split(upload));
        assertTrue(pipeline.batches.find(upload.batchId()).orElseThrow().error().startsWith("option include-encoded"));
    }
}
