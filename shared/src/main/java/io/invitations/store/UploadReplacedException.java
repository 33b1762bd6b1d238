package io.invitations.store;

/** The exact upload a batch was started for is no longer in the bucket (replaced or deleted since). */
public class UploadReplacedException extends RuntimeException {
    public UploadReplacedException(String message) {
        super(message);
    }
}
