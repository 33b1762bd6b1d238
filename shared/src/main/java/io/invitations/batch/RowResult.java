package io.invitations.batch;

import io.invitations.invitation.InvitationRequest;
import java.util.List;

/**
 * The outcome of one input row. A success keeps the validated request (the invitation is rebuilt from it
 * and the batch context); a failure keeps the raw values of the seven columns and the error.
 */
public record RowResult(long line, InvitationRequest request, List<String> echo, String error) {
    public RowResult {
        echo = echo == null ? List.of() : List.copyOf(echo);
    }

    public static RowResult succeeded(long line, InvitationRequest request) {
        return new RowResult(line, request, null, null);
    }

    public static RowResult failed(long line, List<String> echo, String error) {
        return new RowResult(line, null, echo, error);
    }

    public boolean isSuccess() {
        return request != null;
    }
}
