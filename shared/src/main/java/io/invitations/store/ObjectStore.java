package io.invitations.store;

import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The bucket: uploaded files in, results out. */
public interface ObjectStore {

    /** The user metadata of exactly this upload of the object. */
    Map<String, String> metadata(SourceObject source);

    /** Streams exactly this upload of the object (never another version written since). */
    InputStream open(SourceObject source);

    /**
     * Writes an object by streaming: nothing is visible under {@code key} unless {@code body} completes,
     * and a failed write leaves no partial upload behind.
     */
    void write(String bucket, String key, String contentType, Body body);

    /** Writes a batch's summary file, in the format the store's readers expect. */
    void writeSummary(String bucket, String key, BatchSummary summary);

    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
