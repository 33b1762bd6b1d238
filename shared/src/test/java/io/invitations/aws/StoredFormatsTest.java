package io.invitations.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import io.invitations.observe.BatchFinished;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
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

    private static final BatchSummary SUMMARY = new BatchSummary("b-0123456789abcdef0123456789abcdef",
            "s3://my-bucket/incoming/create/team.csv", BatchStatus.COMPLETED, 5, 4, 1, CREATED,
            CREATED.plusSeconds(12), "results/create/team-results.csv", null, "b-fedcba9876543210fedcba9876543210");

    private static final BatchFinished FINISHED = new BatchFinished(SUMMARY, BatchKind.CREATE,
            BatchFinished.Outcome.COMPLETED, new SourceObject("my-bucket", "incoming/create/team.csv", "v1", "e1",
            "s1", 120), "results/create/team-summary.json", Duration.ofMillis(12_345));

    @Test
    void summaries() {
        newest("summary-2026-12-04.json", SummaryJson.write(SUMMARY));
        assertEquals(SUMMARY, decoded("summary-2026-12-04.json", SummaryJson::read));
    }

    /** The completion event's detail: read by the stack's users' rules and targets, never by our code. */
    @Test
    void completionEvents() {
        newest("completion-event-2026-12-04.json", CompletionEvent.detail(FINISHED));
    }

    @Test
    void chunkMessages() {
        newest("chunk-message-2026-12-04.json", ChunkMessageBody.encode(CHUNK));
        assertEquals(CHUNK, decoded("chunk-message-2026-12-04.json", ChunkMessageBody::decode));
    }

    @Test
    void batchContexts() {
        newest("batch-context-2026-12-04.json", BatchTableFormats.encodeContext(CONTEXT));
        assertEquals(CONTEXT, decoded("batch-context-2026-12-04.json", BatchTableFormats::decodeContext));
    }

    @Test
    void chunkRowResults() {
        newest("row-results-2026-12-04.json", gunzip(BatchTableFormats.encodeRows(ROWS)));
        assertEquals(ROWS, decoded("row-results-2026-12-04.json", json -> BatchTableFormats.decodeRows(gzip(json))));
        assertEquals(ROWS_BEFORE_EXTERNAL_IDS, decoded("row-results-2026-12-01.json",
                json -> BatchTableFormats.decodeRows(gzip(json))), "rows recorded before External Ids still read");
    }

    /** A sample decoded, or a failure naming the format and its version (the sample's date). */
    private static <T> T decoded(String name, Function<String, T> decoder) {
        String json = sample(name);
        try {
            return decoder.apply(json);
        } catch (RuntimeException e) {
            throw new AssertionError("the stored format " + name.substring(0, name.length() - "-2026-12-04.json".length())
                    + " of version " + name.substring(name.length() - "2026-12-04.json".length(), name.length() - 5)
                    + " no longer decodes: " + e, e);
        }
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
