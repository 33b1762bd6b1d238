package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.invitation.Invitation;
import io.invitations.store.BatchStore;
import io.invitations.store.InvitationStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An export: its upload is only a trigger and has no rows; its results are every active invitation (not expired,
 * not revoked) at the batch's start, streamed page by page, Valid Days being the whole days left, External Id last
 * (empty for an invitation without one). The count is recorded as the batch's rows.
 */
public final class ExportBatch implements KindBehaviour {
    private final InvitationStore invitations;
    private final BatchStore batches;

    ExportBatch(InvitationStore invitations, BatchStore batches) {
        this.invitations = invitations;
        this.batches = batches;
    }

    @Override
    public List<RowResult> process(BatchContext context, List<CsvRecord> rows, boolean firstAttempt) {
        throw new IllegalArgumentException("an export batch has no rows to process");
    }

    @Override
    public void undo(BatchContext context, List<CsvRecord> rows) {
    }

    @Override
    public RowResult unprocessed(BatchContext context, CsvRecord row, String error) {
        throw new IllegalArgumentException("an export batch has no rows to give up");
    }

    @Override
    public List<String> resultsHeader(BatchContext context) {
        return ResultRow.header(context.options().includeEncoded(), true);
    }

    @Override
    public long writeResults(BatchContext context, Consumer<List<String>> out) {
        Instant now = context.createdAt();
        boolean encoded = context.options().includeEncoded();
        AtomicLong exported = new AtomicLong();
        invitations.forEach(stored -> {
            Invitation invitation = stored.invitation();
            if (stored.isActiveAt(now)) {
                out.accept(InvitationRows.of(invitation, String.valueOf(invitation.daysLeftAt(now)), "Success",
                        encoded, stored.externalId()).cells(encoded, true));
                exported.incrementAndGet();
            }
        });
        batches.recordExport(context.batchId(), exported.get());
        return exported.get();
    }
}
