package io.invitations.pipeline;

import io.invitations.overlap.Overlap;
import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import java.util.List;
import java.util.function.Consumer;

/** A revoke batch: each row revokes the invitation whose token it names (see {@link Revocation}). */
public final class RevokeBatch implements KindBehaviour {
    private final Revocation revocation;
    private final ChunkedResults results;
    private final Overlap overlap;

    RevokeBatch(Revocation revocation, ChunkedResults results, Overlap overlap) {
        this.overlap = overlap;
        this.revocation = revocation;
        this.results = results;
    }

    @Override
    public List<RowResult> process(BatchContext context, List<CsvRecord> rows, boolean firstAttempt) {
        // Rows naming one invitation are taken in the file's order (the first reports the devices it removed),
        // the others overlap.
        return overlap.map(rows, row -> revocation.competesFor(context, row), row -> revocation.revoke(context, row));
    }

    /** Nothing to undo: a revocation that a failed attempt made stays made (revoking is idempotent). */
    @Override
    public void undo(BatchContext context, List<CsvRecord> rows) {
    }

    @Override
    public RowResult unprocessed(BatchContext context, CsvRecord row, String error) {
        return new RowResult.Revoke(row.line(), context.layout().columnValues(row.fields()).get(0), "", "",
                error + " (an attempt may have revoked it: revoking it again is safe)");
    }

    @Override
    public List<String> resultsHeader(BatchContext context) {
        return Revocation.RESULTS_HEADER;
    }

    @Override
    public long writeResults(BatchContext context, Consumer<List<String>> out) {
        return results.write(context.batchId(), row -> {
            RowResult.Revoke revoke = (RowResult.Revoke) row.plain();
            return ChunkedResults.withStatus(row, revoke.token(), revoke.name(), revoke.devicesRemoved());
        }, out);
    }
}
