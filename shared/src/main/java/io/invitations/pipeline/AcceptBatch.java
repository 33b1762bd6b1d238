package io.invitations.pipeline;

import io.invitations.overlap.Overlap;
import io.invitations.batch.AcceptOptions;
import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import java.util.List;
import java.util.function.Consumer;

/** An accept batch: each row binds a device to the invitation it presents (see {@link InvitationAcceptance}). */
public final class AcceptBatch implements KindBehaviour {
    /** Appended to the error of a row given up on. */
    public static final String MAY_HAVE_BOUND = " (an attempt may have bound the device: accepting it again is safe)";

    private final InvitationAcceptance acceptance;
    private final ChunkedResults results;
    private final Overlap overlap;

    AcceptBatch(InvitationAcceptance acceptance, ChunkedResults results, Overlap overlap) {
        this.overlap = overlap;
        this.acceptance = acceptance;
        this.results = results;
    }

    @Override
    public List<RowResult> process(BatchContext context, List<CsvRecord> rows, boolean firstAttempt) {
        // Each row's conditions make it safe alone; rows competing for an invitation or a device's profile name
        // are decided in the file's order, the others overlap.
        return overlap.map(rows, row -> acceptance.competesFor(context, row), row -> acceptance.accept(context, row));
    }

    /** Nothing to undo: a device bound by a failed attempt is the one a retry would bind (accepting is idempotent). */
    @Override
    public void undo(BatchContext context, List<CsvRecord> rows) {
    }

    /** Said as it is: an attempt may have bound the device before failing. */
    @Override
    public RowResult unprocessed(BatchContext context, CsvRecord row, String error) {
        List<String> values = context.layout().columnValues(row.fields());
        return new RowResult.Accept(row.line(), values.get(0), "", "",
                ((AcceptOptions) context.options()).deviceFor(values.get(2)), error + MAY_HAVE_BOUND);
    }

    @Override
    public List<String> resultsHeader(BatchContext context) {
        return InvitationAcceptance.RESULTS_HEADER;
    }

    @Override
    public long writeResults(BatchContext context, Consumer<List<String>> out) {
        return results.write(context.batchId(), row -> {
            RowResult.Accept accept = (RowResult.Accept) row.plain();
            return ChunkedResults.withStatus(row, accept.name(), accept.profile(), accept.type(), accept.deviceId());
        }, out);
    }
}
