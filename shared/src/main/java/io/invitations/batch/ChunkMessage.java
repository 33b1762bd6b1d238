package io.invitations.batch;

import io.invitations.csv.CsvRecord;
import java.util.List;

/**
 * A run of consecutive rows of one batch, the unit of queueing and of exactly-once counting. It names its batch
 * but carries none of the batch's context: the token key stays in the batches table, out of every queue.
 */
public record ChunkMessage(String batchId, int chunkIndex, List<CsvRecord> rows) {
    public ChunkMessage {
        rows = List.copyOf(rows);
    }
}
