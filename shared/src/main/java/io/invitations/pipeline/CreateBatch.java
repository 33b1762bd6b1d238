package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.RowResult;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRules;
import io.invitations.store.InvitationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A create batch: each valid row issues an invitation (deterministic: the same row, the same token, however
 * often it is processed), within the parent invitation's limits when there is one; the chunk's invitations are
 * written together. A created row keeps only its request: the results rebuild the invitation from it.
 */
public final class CreateBatch implements BatchType {
    private final InvitationStore invitations;
    private final ChunkedResults results;

    CreateBatch(InvitationStore invitations, ChunkedResults results) {
        this.invitations = invitations;
        this.results = results;
    }

    @Override
    public List<RowResult> process(BatchContext context, List<CsvRecord> rows) {
        List<RowResult> processed = new ArrayList<>(rows.size());
        List<Invitation> issued = new ArrayList<>(rows.size());
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        for (CsvRecord row : rows) {
            processed.add(processRow(context, parser, row, issued));
        }
        invitations.createAll(issued);
        return processed;
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
        return RowResult.created(row.line(), valid.request());
    }

    /** Removes the invitations a failed attempt may have written, so that none exists without a Success row. */
    @Override
    public void undo(BatchContext context, List<CsvRecord> rows) {
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        invitations.deleteAll(rows.stream()
                .map(row -> parser.parse(row) instanceof ParsedRow.Valid valid
                        ? context.invitationFor(row.line(), valid.request()).token() : null)
                .filter(Objects::nonNull).toList());
    }

    @Override
    public List<String> unprocessedCells(BatchContext context, CsvRecord row) {
        return context.layout().columnValues(row.fields());
    }

    @Override
    public List<String> resultsHeader(BatchOptions options) {
        return ResultRow.header(options.includeEncoded());
    }

    @Override
    public long writeResults(BatchContext context, Consumer<List<String>> out) {
        boolean encoded = context.options().includeEncoded();
        return results.write(context.batchId(), row -> {
            if (!row.isSuccess()) {
                List<String> e = row.cells();
                return new ResultRow(e.get(0), e.get(1), "", e.get(2), e.get(3), e.get(4), e.get(5), e.get(6),
                        "Failed", "", row.error()).cells(encoded);
            }
            Invitation invitation = context.invitationFor(row.line(), row.request());
            return InvitationRows.success(invitation, String.valueOf(row.request().validDays()), encoded)
                    .cells(encoded);
        }, out);
    }
}
