package io.invitations.store;

/** The exact upload a batch was started for is no longer in the bucket (replaced or deleted since). */
public class UploadReplacedException extends RuntimeException {
    public UploadReplacedException(String message) {
        super(message);
    }

    /** The upload of {@code key} is gone: what an object store says when a pinned read finds nothing. */
    public static UploadReplacedException replacedOrDeleted(String key) {
        return new UploadReplacedException("the uploaded file " + key + " was replaced or deleted before it could "
                + "be read (a newer upload is processed as its own batch)");
    }
}
