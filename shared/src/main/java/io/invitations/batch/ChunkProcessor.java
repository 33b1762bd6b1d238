package io.invitations.batch;

import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRules;
import io.invitations.registry.InvitationAcceptance;
import io.invitations.registry.Revocation;
import io.invitations.store.BatchStore;
import io.invitations.store.InvitationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The worker's job for one chunk: process each row, then record every row's result and count them in one
 * atomic step. Bad rows are results, not exceptions; only a storage failure throws, and then the chunk is
 * retried whole: created invitations are deterministic (a retry overwrites the same items), accepts and
 * revocations are idempotent.
 */
public final class ChunkProcessor {
    private final BatchStore batches;
    private final InvitationStore invitations;
    private final InvitationAcceptance acceptance;
    private final Revocation revocation;
    private final BatchCompletion completion;

    public ChunkProcessor(BatchStore batches, InvitationStore invitations, InvitationAcceptance acceptance,
                          Revocation revocation, BatchCompletion completion) {
        this.batches = batches;
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.revocation = revocation;
        this.completion = completion;
    }

    public void process(ChunkMessage chunk) {
        String batchId = chunk.batchId();
        if (!batches.isChunkRecorded(batchId, chunk.chunkIndex())) {
            BatchContext context = chunk.context();
            List<RowResult> results = switch (context.kind()) {
                case CREATE -> create(context, chunk.rows());
                case ACCEPT -> chunk.rows().stream().map(row -> acceptance.accept(context, row)).toList();
                case REVOKE -> chunk.rows().stream().map(row -> revocation.revoke(context, row)).toList();
                case EXPORT -> throw new IllegalArgumentException("an export batch has no rows to process");
            };
            batches.recordChunk(new ChunkResult(batchId, chunk.chunkIndex(), results));
        }
        completion.check(batchId);
    }

    private List<RowResult> create(BatchContext context, List<CsvRecord> rows) {
        List<RowResult> results = new ArrayList<>(rows.size());
        List<Invitation> issued = new ArrayList<>(rows.size());
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        for (CsvRecord row : rows) {
            results.add(createRow(context, parser, row, issued));
        }
        invitations.createAll(issued);
        return results;
    }

    private static RowResult createRow(BatchContext context, InvitationRowParser parser, CsvRecord row,
                                       List<Invitation> issued) {
        List<String> echo = context.layout().columnValues(row.fields());
        ParsedRow parsed = parser.parse(row);
        if (parsed instanceof ParsedRow.Invalid invalid) {
            return RowResult.failed(row.line(), echo, invalid.error());
        }
        ParsedRow.Valid valid = (ParsedRow.Valid) parsed;
        Invitation invitation = context.invitationFor(row.line(), valid.request());
        Optional<String> violation = context.parentInvitation()
                .flatMap(parent -> InvitationRules.exceedsParent(invitation, parent));
        if (violation.isPresent()) {
            return RowResult.failed(row.line(), echo, "line " + row.line() + ": " + violation.get());
        }
        issued.add(invitation);
        return RowResult.created(row.line(), valid.request());
    }
}
