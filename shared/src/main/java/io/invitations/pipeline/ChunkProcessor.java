package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRules;
import io.invitations.pipeline.InvitationAcceptance;
import io.invitations.pipeline.Revocation;
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
        Optional<BatchContext> unrecorded = batches.contextIfUnrecorded(batchId, chunk.chunkIndex());
        if (unrecorded.isPresent()) {
            BatchContext context = unrecorded.get();
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

    /**
     * Accounts for a chunk that could not be processed (its message reached the dead-letter queue): every
     * row is recorded Failed with {@code reason}, and the invitations a create chunk may have written before
     * failing are removed, so no invitation exists without a Success row. Recorded once, like any chunk: a
     * later redrive of the same message changes nothing.
     */
    public void giveUp(ChunkMessage chunk, String reason) {
        String batchId = chunk.batchId();
        Optional<BatchContext> unrecorded = batches.contextIfUnrecorded(batchId, chunk.chunkIndex());
        if (unrecorded.isPresent()) {
            BatchContext context = unrecorded.get();
            if (context.kind() == BatchKind.CREATE) {
                InvitationRowParser parser = new InvitationRowParser(context.layout());
                invitations.deleteAll(chunk.rows().stream()
                        .map(row -> parser.parse(row) instanceof ParsedRow.Valid valid
                                ? context.invitationFor(row.line(), valid.request()).token() : null)
                        .filter(java.util.Objects::nonNull).toList());
            }
            List<RowResult> results = chunk.rows().stream().map(row -> RowResult.failed(row.line(),
                    failedCells(context, row), "line " + row.line() + ": " + reason)).toList();
            batches.recordChunk(new ChunkResult(batchId, chunk.chunkIndex(), results));
        }
        completion.check(batchId);
    }

    /** What a row that was never processed shows in its kind's results columns. */
    private static List<String> failedCells(BatchContext context, CsvRecord row) {
        List<String> values = context.layout().columnValues(row.fields());
        return switch (context.kind()) {
            case CREATE -> values;
            case ACCEPT -> List.of(values.get(0), "", "", values.get(2).isBlank() ? context.options().deviceId()
                    : values.get(2).strip());
            case REVOKE -> List.of(values.get(0), "", "");
            case EXPORT -> List.of();
        };
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
