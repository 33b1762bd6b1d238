package io.invitations.batch;

/** An option in the object's metadata has a value the batch cannot run with. */
public class InvalidOptionException extends BatchRejectedException {
    public InvalidOptionException(String message) {
        super(message);
    }
}
