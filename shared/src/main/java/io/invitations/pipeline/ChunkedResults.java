package io.invitations.pipeline;

import io.invitations.batch.RowResult;
import io.invitations.store.BatchStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/** The results of a batch whose rows were processed chunk by chunk: the recorded chunks, in chunk order. */
final class ChunkedResults {
    private final BatchStore batches;

    ChunkedResults(BatchStore batches) {
        this.batches = batches;
    }

    /** Each recorded row of the batch, as {@code cells} shows it, to {@code out}; returns how many. */
    long write(String batchId, Function<RowResult, List<String>> cells, Consumer<List<String>> out) {
        AtomicLong rows = new AtomicLong();
        batches.forEachChunk(batchId, chunk -> chunk.rows().forEach(row -> {
            out.accept(cells.apply(row));
            rows.incrementAndGet();
        }));
        return rows.get();
    }

    /** The cells of an accept or revoke row: its {@code fields}, then its status and error. */
    static List<String> withStatus(RowResult row, String... fields) {
        List<String> cells = new java.util.ArrayList<>(List.of(fields));
        cells.add(row.status());
        cells.add(row.error());
        return cells;
    }
}
