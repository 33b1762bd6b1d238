package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import io.invitations.store.ObjectStore;
import io.invitations.store.UploadReplacedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} promises (exactly the upload an event named, never a later one; a write all or
 * nothing): the same cases against the in-memory bucket and against {@code S3ObjectStore} on the embedded S3.
 */
abstract class ObjectStoreContract {

    abstract ObjectStore store();

    abstract String bucket();

    /** Uploads as an admin does; the upload as its S3 event names it. */
    abstract SourceObject put(String key, String content, Map<String, String> metadata);

    /** The object under {@code key} now, if any. */
    abstract Optional<String> read(String key);

    @Test
    void anUploadIsReadWithItsMetadataAsItWasPut() throws IOException {
        SourceObject upload = put(key(), "Name,Type\nAnn,admin\n", Map.of("has-header", "true"));
        assertEquals("true", store().metadata(upload).get("has-header"));
        try (InputStream in = store().open(upload)) {
            assertEquals("Name,Type\nAnn,admin\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * An upload replaced since its event: read as it was (a versioned bucket keeps it, as the deployed one does), or
     * refused (an unversioned one), never answered with the bytes or metadata of the upload that replaced it.
     */
    @Test
    void anUploadReplacedSinceIsReadAsItWasOrRefusedNeverSwapped() throws IOException {
        String key = key();
        SourceObject first = put(key, "first\n", Map.of("has-header", "true"));
        put(key, "second, longer\n", Map.of("has-header", "false"));
        try (InputStream in = store().open(first)) {
            assertEquals("first\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (UploadReplacedException refused) {
            // an unversioned bucket: the upload is gone
        }
        try {
            assertEquals("true", store().metadata(first).get("has-header"));
        } catch (UploadReplacedException refused) {
            // the same
        }
    }

    @Test
    void aFailedWriteLeavesTheObjectAsItWas() {
        String key = key();
        store().write(bucket(), key, "text/csv", out -> out.write("old\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(RuntimeException.class, () -> store().write(bucket(), key, "text/csv", out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new UncheckedIOException(new IOException("the writer failed half way"));
        }));
        assertEquals(Optional.of("old\n"), read(key));
    }

    @Test
    void aSummaryIsWrittenInTheFormatItsReadersRead() {
        String key = key();
        BatchSummary summary = new BatchSummary("b-" + "1".repeat(32), "s3://bucket/incoming/create/a.csv",
                BatchStatus.CANCELLED, 3, 1, 2, Instant.parse("2026-12-04T10:00:00Z"),
                Instant.parse("2026-12-04T10:01:00Z"), "results/create/a-results.csv", null, null);
        store().writeSummary(bucket(), key, summary);
        assertEquals(summary, SummaryJson.read(read(key).orElseThrow()));
    }

    private static String key() {
        return "incoming/create/contract-" + UUID.randomUUID() + ".csv";
    }
}
