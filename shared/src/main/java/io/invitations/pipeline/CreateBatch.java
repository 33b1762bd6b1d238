package io.invitations.pipeline;

import io.invitations.overlap.Overlap;
import io.invitations.batch.BatchContext;
import io.invitations.batch.RowResult;
import io.invitations.csv.Column;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
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
 * written together, by plain batch puts on the chunk's first attempt, and only where missing on any later one
 * (never replacing an invitation an export may have listed, or its allowance an accept may have counted). A created
 * row keeps only its request: the results rebuild the invitation from it. A row with an External Id is written on
 * its own, together with the id's claim ({@link InvitationStore#createHolding}): when an active invitation holds
 * the id already, the row answers with it (Existing) if it asks for the same values, and fails naming each
 * difference otherwise; nothing is updated.
 */
public final class CreateBatch implements KindBehaviour {
    private final InvitationStore invitations;
    private final ChunkedResults results;
    private final Overlap overlap;

    CreateBatch(InvitationStore invitations, ChunkedResults results, Overlap overlap) {
        this.invitations = invitations;
        this.results = results;
        this.overlap = overlap;
    }

    /** A row with an External Id, written on its own with the id's claim. */
    private record Holding(int index, CsvRecord row, List<String> echo, InvitationRequest request,
                           Invitation invitation) {
    }

    @Override
    public List<RowResult> process(BatchContext context, List<CsvRecord> rows, boolean firstAttempt) {
        List<RowResult> processed = new ArrayList<>(rows.size());
        List<Invitation> issued = new ArrayList<>(rows.size());
        List<Holding> holdings = new ArrayList<>();
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        for (CsvRecord row : rows) {
            processed.add(processRow(context, parser, row, issued, holdings, processed.size()));
        }
        // The rows with External Ids, each its own transaction: they overlap (each one's condition makes it safe
        // alone), as the batch writes of the others do in the store; rows naming one id in the file's order.
        List<RowResult> held = overlap.map(holdings, holding -> List.of(holding.request().externalId()),
                holding -> invitations.createHolding(holding.invitation(),
                        holding.request().externalId(), context.createdAt())
                .map(holder -> ExternalIds.answer(context, holding.row(), holding.echo(), holding.request(), holder))
                .orElseGet(() -> new RowResult.Created(holding.row().line(), holding.request())));
        for (int i = 0; i < holdings.size(); i++) {
            processed.set(holdings.get(i).index(), held.get(i));
        }
        if (issued.isEmpty()) {
            return processed;
        }
        if (firstAttempt) {
            invitations.createAll(issued);
        } else {
            invitations.createMissing(issued);
        }
        return processed;
    }

    /**
     * A chunk given up on keeps what its attempts created, as it may have been seen (an export lists it) or used
     * (accepted, revoked): a row whose invitation exists is a Success (its allowance written if an attempt died
     * between the two items); the others fail with {@code reason}, nothing written for them.
     */
    @Override
    public List<RowResult> givenUp(BatchContext context, List<CsvRecord> rows, String reason) {
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        List<RowResult> results = new ArrayList<>(rows.size());
        List<Invitation> kept = new ArrayList<>();
        for (CsvRecord row : rows) {
            ParsedRow parsed = parser.parse(row);
            if (parsed instanceof ParsedRow.Invalid invalid) {
                results.add(unprocessed(context, row, invalid.error()));
                continue;
            }
            ParsedRow.Valid valid = (ParsedRow.Valid) parsed;
            Invitation invitation = context.invitationFor(row.line(), valid.request());
            if (invitations.find(invitation.token()).isPresent()) {
                kept.add(invitation);
                results.add(new RowResult.Created(row.line(), valid.request()));
            } else {
                results.add(unprocessed(context, row, "line " + row.line() + ": " + reason));
            }
        }
        invitations.createMissing(kept);
        return results;
    }

    /**
     * A row's result, decided here, or null for a row with an External Id (added to {@code holdings}, its result
     * decided by its write); a valid plain row's invitation is added to {@code issued}.
     */
    private RowResult processRow(BatchContext context, InvitationRowParser parser, CsvRecord row,
                                 List<Invitation> issued, List<Holding> holdings, int index) {
        List<String> echo = context.layout().columnValues(row.fields());
        ParsedRow parsed = parser.parse(row);
        if (parsed instanceof ParsedRow.Invalid invalid) {
            return new RowResult.CreateFailed(row.line(), echo, invalid.error());
        }
        ParsedRow.Valid valid = (ParsedRow.Valid) parsed;
        Invitation invitation = context.invitationFor(row.line(), valid.request());
        Optional<String> violation = context.parentInvitation()
                .flatMap(parent -> InvitationRules.exceedsParent(invitation, parent));
        if (violation.isPresent()) {
            return new RowResult.CreateFailed(row.line(), echo, "line " + row.line() + ": " + violation.get());
        }
        if (!valid.request().hasExternalId()) {
            issued.add(invitation);
            return new RowResult.Created(row.line(), valid.request());
        }
        // Written with the batch's start standing for "now", so that every attempt at the row decides alike.
        holdings.add(new Holding(index, row, echo, valid.request(), invitation));
        return null;
    }

    /** Removes the chunk's invitations: a batch that ends FAILED without results keeps none (the sweeper's last resort). */
    @Override
    public void undo(BatchContext context, List<CsvRecord> rows) {
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        invitations.deleteAll(rows.stream()
                .map(row -> parser.parse(row) instanceof ParsedRow.Valid valid
                        ? context.invitationFor(row.line(), valid.request()).token() : null)
                .filter(Objects::nonNull).toList());
    }

    @Override
    public RowResult unprocessed(BatchContext context, CsvRecord row, String error) {
        return new RowResult.CreateFailed(row.line(), context.layout().columnValues(row.fields()), error);
    }

    @Override
    public List<String> resultsHeader(BatchContext context) {
        return ResultRow.header(context.options().includeEncoded(), hasExternalIds(context));
    }

    @Override
    public long writeResults(BatchContext context, Consumer<List<String>> out) {
        boolean encoded = context.options().includeEncoded();
        boolean externalIds = hasExternalIds(context);
        return results.write(context.batchId(), row -> resultRow(context, row, encoded).cells(encoded, externalIds),
                out);
    }

    private static ResultRow resultRow(BatchContext context, RowResult row, boolean encoded) {
        if (row.plain() instanceof RowResult.CreateFailed failed) {
            List<String> v = failed.values();
            // Rows recorded before External Ids were a column have seven values.
            return new ResultRow(v.get(0), v.get(1), "", v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    row.status(), "", failed.error(), v.size() > 7 ? v.get(7) : "");
        }
        if (row instanceof RowResult.Existing existing) {
            Invitation invitation = existing.invitation();
            return InvitationRows.of(invitation, String.valueOf(invitation.validDays()), "Existing", encoded,
                    existing.externalId());
        }
        InvitationRequest request = ((RowResult.Created) row).request();
        return InvitationRows.of(context.invitationFor(row.line(), request), String.valueOf(request.validDays()),
                "Success", encoded, request.externalId());
    }

    /** Whether the input file has an External Id column: its results have one then. */
    private static boolean hasExternalIds(BatchContext context) {
        return context.layout().positions().containsKey(Column.EXTERNAL_ID);
    }
}
