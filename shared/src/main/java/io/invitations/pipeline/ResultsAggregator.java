package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.batch.RowResult;
import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.csv.ResultsCsvWriter;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;
import io.invitations.pipeline.InvitationAcceptance;
import io.invitations.pipeline.Revocation;
import io.invitations.store.BatchStore;
import io.invitations.store.InvitationStore;
import io.invitations.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a completed batch's outputs: the results CSV in input order (streamed chunk by chunk) or, for an
 * export, every active invitation (streamed page by page); then the summary JSON, the sign that the batch is
 * done. Running it twice writes the same results.
 */
public final class ResultsAggregator {
    private final BatchStore batches;
    private final InvitationStore invitations;
    private final ObjectStore objects;
    private final Clock clock;

    public ResultsAggregator(BatchStore batches, InvitationStore invitations, ObjectStore objects, Clock clock) {
        this.batches = batches;
        this.invitations = invitations;
        this.objects = objects;
        this.clock = clock;
    }

    public BatchSummary aggregate(String batchId) {
        BatchRecord batch = batches.find(batchId)
                .orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        ResultKeys keys = ResultKeys.of(batch.kind(), batch.source().key(), batch.startedAt());
        if (batch.isFinished()) {
            return BatchSummary.of(batch, keys);
        }
        if (batch.status() != BatchStatus.AGGREGATING) {
            throw new IllegalStateException("batch " + batchId + " is not complete yet");
        }
        String bucket = batch.source().bucket();
        if (!batch.failedAsAWhole()) {
            BatchContext context = batch.context();
            if (batch.kind() == BatchKind.EXPORT) {
                long exported = export(bucket, keys.results(), context);
                batches.recordExport(batchId, exported);
                batch = batches.find(batchId).orElseThrow();
            } else {
                writeResults(bucket, keys.results(), context);
            }
        }
        BatchSummary summary = BatchSummary.of(batch, keys);
        objects.write(bucket, keys.summary(), "application/json",
                out -> out.write(summary.toJson().getBytes(StandardCharsets.UTF_8)));
        batches.markFinished(batchId, summary.status(), clock.instant());
        return summary;
    }

    private void writeResults(String bucket, String key, BatchContext context) {
        objects.write(bucket, key, "text/csv; charset=utf-8", out -> {
            ResultsCsvWriter csv = new ResultsCsvWriter(
                    new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), header(context));
            csv.writeHeader();
            batches.forEachChunk(context.batchId(), chunk -> chunk.rows().forEach(row -> csv.write(cells(context, row))));
            csv.flush();
        });
    }

    private static List<String> header(BatchContext context) {
        return switch (context.kind()) {
            case CREATE, EXPORT -> ResultRow.header(context.options().includeEncoded());
            case ACCEPT -> InvitationAcceptance.RESULTS_HEADER;
            case REVOKE -> Revocation.RESULTS_HEADER;
        };
    }

    private static List<String> cells(BatchContext context, RowResult row) {
        if (context.kind() != BatchKind.CREATE) {
            List<String> cells = new ArrayList<>(row.cells());
            cells.add(row.isSuccess() ? "Success" : "Failed");
            cells.add(row.error());
            return cells;
        }
        boolean encoded = context.options().includeEncoded();
        if (!row.isSuccess()) {
            List<String> e = row.cells();
            return new ResultRow(e.get(0), e.get(1), "", e.get(2), e.get(3), e.get(4), e.get(5), e.get(6),
                    "Failed", "", row.error()).cells(encoded);
        }
        Invitation invitation = context.invitationFor(row.line(), row.request());
        return success(invitation, String.valueOf(row.request().validDays()), encoded).cells(encoded);
    }

    private static ResultRow success(Invitation invitation, String validDays, boolean includeEncoded) {
        return new ResultRow(invitation.name(), invitation.type().wireName(), invitation.token(), validDays,
                ResultRow.yesNo(invitation.canInvite()), ResultRow.yesNo(invitation.transferable()),
                ResultRow.yesNo(invitation.deviceBound()), String.valueOf(invitation.maxDevices()), "Success",
                includeEncoded ? InvitationCodec.encode(invitation) : "", "");
    }

    /** Every active invitation (not expired, not revoked), Valid Days being the whole days left. */
    private long export(String bucket, String key, BatchContext context) {
        Instant now = context.createdAt();
        boolean encoded = context.options().includeEncoded();
        AtomicLong exported = new AtomicLong();
        objects.write(bucket, key, "text/csv; charset=utf-8", out -> {
            ResultsCsvWriter csv = new ResultsCsvWriter(
                    new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), ResultRow.header(encoded));
            csv.writeHeader();
            invitations.forEach(stored -> {
                Invitation invitation = stored.invitation();
                if (!stored.revoked() && !invitation.isExpiredAt(now)) {
                    csv.write(success(invitation, String.valueOf(invitation.daysLeftAt(now)), encoded).cells(encoded));
                    exported.incrementAndGet();
                }
            });
            csv.flush();
        });
        return exported.get();
    }
}
