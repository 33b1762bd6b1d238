package io.invitations.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.ChunkMessage;
import io.invitations.batch.CreateOptions;
import io.invitations.batch.RowResult;
import io.invitations.csv.ColumnLayout;
import io.invitations.csv.ColumnSet;
import io.invitations.csv.CsvRecord;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Queue messages and batch items outlive a deploy: what today's code wrote, tomorrow's reads. Each stored format
 * has its samples as files under {@code formats/} (written by the code of the day they are named after, never
 * edited): every sample must still decode to the values it held, and today's encoder must write the newest sample
 * byte for byte, so that a change of format is a new sample beside the old ones, not a silent break. With
 * {@code -Dinvitations.formats.write=true} the newest samples are written again (a format change, deliberately).
 */
class StoredFormatsTest {
    private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");
    private static final String TOKEN_KEY = "k".repeat(43);
    private static final Invitation PARENT = new Invitation("inv-" + "P".repeat(43), "Teacher", InvitationType.ADMIN,
            CREATED, CREATED.plusSeconds(86_400L * 400), "", true, true, true, 9, "");

    private static final ChunkMessage CHUNK = new ChunkMessage("b-0123456789abcdef0123456789abcdef", 3, List.of(
            new CsvRecord(2, List.of("admin", "Ann \"A\", Lee", "")), new CsvRecord(4, List.of("x"))));

    private static final BatchContext CONTEXT = new BatchContext("b-0123456789abcdef0123456789abcdef",
            BatchKind.CREATE, CREATED, TOKEN_KEY,
            ColumnLayout.fromHeader(ColumnSet.CREATE, List.of("Type", "Name", "Other", "External Id")),
            new CreateOptions(true, true, PARENT.token(), "s3://my-bucket/config"), PARENT);

    /** Rows as issue 25's code records them: External Ids, Existing and Cancelled rows. */
    private static final List<RowResult> ROWS = List.of(
            new RowResult.Created(2, new InvitationRequest("Ann", InvitationType.ADMIN, 30, true, false, true, 1,
                    "S-1")),
            new RowResult.Created(3, new InvitationRequest("Bo", InvitationType.READ_ONLY, 7, false, false, true, 2,
                    "")),
            new RowResult.Existing(4, PARENT, "T-1"),
            new RowResult.CreateFailed(5, List.of("x", "", "", "", "", "", "", "S-2"), "line 5: bad"),
            new RowResult.Cancelled(new RowResult.CreateFailed(6, List.of("Cy", "admin", "", "", "", "", "", ""),
                    "line 6: not processed: the batch was cancelled")),
            new RowResult.Accept(7, "Ann", "Team-Ann", "admin", "laptop", ""),
            new RowResult.Revoke(8, "inv-x", "Cy", "2", ""));

    /** Rows as the code before issue 25 recorded them: a failed create row had seven values, no External Id. */
    private static final List<RowResult> ROWS_BEFORE_EXTERNAL_IDS = List.of(
            new RowResult.Created(2, new InvitationRequest("Ann", InvitationType.ADMIN, 30, true, false, true, 1, "")),
            new RowResult.CreateFailed(4, List.of("x", "", "", "", "", "", ""), "line 4: bad"),
            new RowResult.Accept(5, "Bo", "Team-Bo", "", "phone", "line 5: unknown invitation token"),
            new RowResult.Revoke(7, "inv-x", "Cy", "2", ""));

    @Test
    void chunkMessages() {
        newest("chunk-message-2026-12-04.json", ChunkMessageBody.encode(CHUNK));
        assertEquals(CHUNK, ChunkMessageBody.decode(sample("chunk-message-2026-12-04.json")));
    }

    @Test
    void batchContexts() {
        newest("batch-context-2026-12-04.json", BatchTableFormats.encodeContext(CONTEXT));
        assertEquals(CONTEXT, BatchTableFormats.decodeContext(sample("batch-context-2026-12-04.json")));
    }

    @Test
    void chunkRowResults() {
        newest("row-results-2026-12-04.json", gunzip(BatchTableFormats.encodeRows(ROWS)));
        assertEquals(ROWS, BatchTableFormats.decodeRows(gzip(sample("row-results-2026-12-04.json"))));
        assertEquals(ROWS_BEFORE_EXTERNAL_IDS, BatchTableFormats.decodeRows(gzip(sample("row-results-2026-12-01.json"))),
                "rows recorded before External Ids still read");
    }

    private static String sample(String name) {
        try (InputStream in = StoredFormatsTest.class.getResourceAsStream("/formats/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no sample formats/" + name, e);
        }
    }

    /** Today's encoding is the newest sample (written again only when asked: a deliberate change of format). */
    private static void newest(String name, String encoded) {
        if (Boolean.getBoolean("invitations.formats.write")) {
            try {
                Files.writeString(Path.of("src/test/resources/formats", name), encoded + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(sample(name), encoded.strip(), name + ": a changed format needs a new sample, and the old still read");
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
