package io.invitations.batch;

import io.invitations.invitation.InvitationRequest;
import java.util.List;

/**
 * The outcome of one input row. A created invitation keeps only its validated request (the invitation is
 * rebuilt from it and the batch context, to keep stored results small); every other row keeps the cells it
 * shows in the results (for a failed create row, the raw values of its columns).
 */
public record RowResult(long line, boolean success, InvitationRequest request, List<String> cells, String error) {
    public RowResult {
        cells = cells == null ? List.of() : List.copyOf(cells);
        error = error == null ? "" : error;
    }

    public static RowResult created(long line, InvitationRequest request) {
        return new RowResult(line, true, request, null, null);
    }

    public static RowResult succeeded(long line, List<String> cells) {
        return new RowResult(line, true, null, cells, null);
    }

    public static RowResult failed(long line, List<String> cells, String error) {
        return new RowResult(line, false, null, cells, error);
    }

    public boolean isSuccess() {
        return success;
    }
}
