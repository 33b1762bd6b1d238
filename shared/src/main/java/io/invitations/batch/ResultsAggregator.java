package io.invitations.batch;

import io.invitations.csv.ResultsCsvWriter;
import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;
import io.invitations.store.BatchStore;
import io.invitations.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Writes a completed batch's outputs: the results CSV in input order (streamed chunk by chunk), then the
 * summary JSON, which is the sign that the batch is done. Running it twice writes the same bytes.
 */
public final class ResultsAggregator {
    private final BatchStore batches;
    private final ObjectStore objects;
    private final Clock clock;

    public ResultsAggregator(BatchStore batches, ObjectStore objects, Clock clock) {
        this.batches = batches;
        this.objects = objects;
        this.clock = clock;
    }

    public BatchSummary aggregate(String batchId) {
        BatchRecord batch = batches.find(batchId)
                .orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        ResultKeys keys = ResultKeys.forSource(batch.source().key());
        BatchSummary summary = BatchSummary.of(batch, keys);
        if (batch.isFinished()) {
            return summary;
        }
        if (batch.completedAt() == null) {
            throw new IllegalStateException("batch " + batchId + " is not complete yet");
        }
        String bucket = batch.source().bucket();
        if (!batch.isRejected()) {
            BatchContext context = batch.context();
            objects.write(bucket, keys.results(), "text/csv; charset=utf-8", out -> {
                BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                ResultsCsvWriter csv = new ResultsCsvWriter(text, context.options().includeEncoded());
                csv.writeHeader();
                batches.forEachChunk(batchId, chunk -> chunk.rows().forEach(row -> csv.write(toRow(context, row))));
                csv.flush();
            });
        }
        objects.write(bucket, keys.summary(), "application/json",
                out -> out.write(summary.toJson().getBytes(StandardCharsets.UTF_8)));
        batches.markFinished(batchId, clock.instant());
        return summary;
    }

    private static ResultRow toRow(BatchContext context, RowResult row) {
        if (!row.isSuccess()) {
            List<String> e = row.echo();
            return new ResultRow(e.get(0), e.get(1), "", e.get(2), e.get(3), e.get(4), e.get(5), e.get(6),
                    "Failed", "", row.error());
        }
        Invitation invitation = context.invitationFor(row.line(), row.request());
        return new ResultRow(invitation.name(), invitation.type().wireName(), invitation.token(),
                String.valueOf(row.request().validDays()), ResultRow.yesNo(invitation.canInvite()),
                ResultRow.yesNo(invitation.transferable()), ResultRow.yesNo(invitation.deviceBound()),
                String.valueOf(invitation.maxDevices()), "Success",
                context.options().includeEncoded() ? InvitationCodec.encode(invitation) : "", "");
    }
}
