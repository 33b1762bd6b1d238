package io.invitations.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.invitations.batch.AcceptOptions;
import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.CreateOptions;
import io.invitations.batch.RowResult;
import io.invitations.csv.ColumnLayout;
import io.invitations.csv.ColumnSet;
import io.invitations.csv.CsvRecord;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formats the adapters own: the work queue's message body and the batches table's encoded attributes. */
class FormatsTest {

    @Test
    void chunkMessagesAndRowResultsRoundTrip() {
        Instant created = Instant.parse("2026-11-23T10:00:00Z");
        Invitation parent = new Invitation(new Tokens().newToken(), "P", InvitationType.ADMIN, created,
                created.plusSeconds(86400 * 400), "", true, true, true, 9, "");
        BatchContext context = new BatchContext("b-1", BatchKind.CREATE, created, new Tokens().newBatchKey(),
                ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Type", "Name", "Other")),
                new CreateOptions(true, true, parent.token(), "s3://my-bucket/config"), parent);
        ChunkMessage chunk = new ChunkMessage(context.batchId(), 3, List.of(new CsvRecord(2, List.of("admin",
                "Ann \"A\"", "")), new CsvRecord(4, List.of("x"))));
        String body = ChunkMessageBody.encode(chunk);
        assertEquals(chunk, ChunkMessageBody.decode(body));
        // The batch's secrets stay in the batches table: neither the token key nor the parent token is sent.
        assertFalse(body.contains(context.tokenKey()), body);
        assertFalse(body.contains(parent.token()), body);
        assertEquals(context, BatchTableFormats.decodeContext(BatchTableFormats.encodeContext(context)));

        List<RowResult> rows = List.of(new RowResult.Created(2, new InvitationRequest("Ann", InvitationType.ADMIN, 30,
                true, false, true, 1, "")), new RowResult.CreateFailed(4, List.of("x", "", "", "", "", "", ""),
                "line 4: bad"), new RowResult.Accept(5, "Ann", "Team-Ann", "admin", "laptop", ""),
                new RowResult.Accept(6, "Bo", "Team-Bo", "", "phone", "line 6: unknown invitation token"),
                new RowResult.Revoke(7, "inv-x", "Cy", "2", ""));
        assertEquals(rows, BatchTableFormats.decodeRows(BatchTableFormats.encodeRows(rows)));

        BatchContext accept = new BatchContext("b-3", BatchKind.ACCEPT, created, new Tokens().newBatchKey(),
                ColumnLayout.fromHeader(ColumnSet.ACCEPT, List.of("Name", "Encoded Data")),
                new AcceptOptions(false, "Team", "dev-1"), null);
        assertEquals(accept, BatchTableFormats.decodeContext(BatchTableFormats.encodeContext(accept)));

        BatchContext export = new BatchContext("b-2", BatchKind.EXPORT, created, "", null,
                BatchOptions.defaults(BatchKind.EXPORT), null);
        assertEquals(export, BatchTableFormats.decodeContext(BatchTableFormats.encodeContext(export)));
    }
}
