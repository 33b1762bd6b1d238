package io.invitations.batch;

import java.util.List;

/** The results of every row of one chunk, recorded once. */
public record ChunkResult(String batchId, int chunkIndex, List<RowResult> rows) {
    public ChunkResult {
        rows = List.copyOf(rows);
    }

    public int succeeded() {
        return (int) rows.stream().filter(RowResult::isSuccess).count();
    }

    public int failed() {
        return rows.size() - succeeded();
    }
}
