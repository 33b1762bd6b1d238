package io.invitations.batch;

/** The batch cannot run at all; the message, for the summary's {@code error}, says what to fix. */
public class BatchRejectedException extends RuntimeException {
    public BatchRejectedException(String message) {
        super(message);
    }
}
