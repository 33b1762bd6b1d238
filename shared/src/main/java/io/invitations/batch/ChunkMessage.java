package io.invitations.batch;

import io.invitations.csv.CsvRecord;
import java.util.List;

/** A run of consecutive rows of one batch, the unit of queueing and of exactly-once counting. */
public record ChunkMessage(BatchContext context, int chunkIndex, List<CsvRecord> rows) {
    public ChunkMessage {
        rows = List.copyOf(rows);
    }

    public String batchId() {
        return context.batchId();
    }
}
