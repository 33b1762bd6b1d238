package io.invitations.batch;

import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRules;
import io.invitations.store.BatchStore;
import io.invitations.store.InvitationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The worker's job for one chunk: validate each row, store the invitations of the valid ones, then record
 * every row's result and count them in one atomic step. Invalid rows are results, not exceptions; only
 * a storage failure throws, and then the chunk is retried whole (its invitations are deterministic, so a
 * retry overwrites the same items).
 */
public final class ChunkProcessor {
    private final BatchStore batches;
    private final InvitationStore invitations;
    private final BatchCompletion completion;

    public ChunkProcessor(BatchStore batches, InvitationStore invitations, BatchCompletion completion) {
        this.batches = batches;
        this.invitations = invitations;
        this.completion = completion;
    }

    public void process(ChunkMessage chunk) {
        String batchId = chunk.batchId();
        if (!batches.isChunkRecorded(batchId, chunk.chunkIndex())) {
            List<RowResult> results = new ArrayList<>(chunk.rows().size());
            List<Invitation> issued = new ArrayList<>(chunk.rows().size());
            InvitationRowParser parser = new InvitationRowParser(chunk.context().layout());
            for (CsvRecord row : chunk.rows()) {
                results.add(processRow(chunk.context(), parser, row, issued));
            }
            invitations.createAll(issued);
            batches.recordChunk(new ChunkResult(batchId, chunk.chunkIndex(), results));
        }
        completion.check(batchId);
    }

    private static RowResult processRow(BatchContext context, InvitationRowParser parser, CsvRecord row,
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
        return RowResult.succeeded(row.line(), valid.request());
    }
}
