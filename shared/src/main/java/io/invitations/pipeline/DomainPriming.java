package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.RowResult;
import io.invitations.csv.ColumnSet;
import io.invitations.csv.CsvFileScan;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationRowParser;
import io.invitations.csv.ParsedRow;
import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.csv.ResultsCsvWriter;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;
import io.invitations.invitation.Tokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the domain's hot path once on made-up rows, touching nothing outside this JVM: the CSV reader and row
 * rules, token HMACs, the invitation encoding and the results writer. Called before a SnapStart snapshot so
 * that a restored function starts warm; what it built primes the adapters' formats next.
 */
public final class DomainPriming {
    private static final String SAMPLE = "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n"
            + "Warm Up 1,read_only,90,no,no,yes,2\n\"Warm, Up 2\",admin,30,yes,yes,no,1\n";

    private DomainPriming() {
    }

    /** What the warm-up built: a batch's context, a chunk of its rows and their results. */
    public record Sample(BatchContext context, ChunkMessage chunk, List<RowResult> results) {
    }

    public static Sample run() {
        List<CsvRecord> rows = new ArrayList<>();
        CsvFileScan.Scan scan = CsvFileScan.scan(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)),
                ColumnSet.CREATE, true, layout -> rows::add);
        BatchContext context = new BatchContext("warm-up", BatchKind.CREATE, Instant.now(), new Tokens().newBatchKey(),
                scan.layout(), BatchOptions.defaults(BatchKind.CREATE), null);
        ChunkMessage chunk = new ChunkMessage(context.batchId(), 0, rows);
        InvitationRowParser parser = new InvitationRowParser(context.layout());
        List<RowResult> results = new ArrayList<>();
        try (ResultsCsvWriter writer = new ResultsCsvWriter(new StringWriter(), ResultRow.header(true, true))) {
            writer.writeHeader();
            for (CsvRecord row : chunk.rows()) {
                if (parser.parse(row) instanceof ParsedRow.Valid valid) {
                    results.add(new RowResult.Created(row.line(), valid.request()));
                    Invitation invitation = context.invitationFor(row.line(), valid.request());
                    writer.write(new ResultRow(invitation.name(), invitation.type().wireName(), invitation.token(),
                            "90", "no", "no", "yes", "2", "Success", InvitationCodec.encode(invitation), "",
                            valid.request().externalId()).cells(true, true));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sample(context, chunk, results);
    }
}
