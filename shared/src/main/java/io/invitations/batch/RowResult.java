package io.invitations.batch;

import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import java.util.List;

/**
 * The outcome of one input row, as its kind records it: a record per kind of row, so that the results file is
 * written from named fields. The error is empty when the row succeeded; a failed row's error names its line.
 */
public sealed interface RowResult permits RowResult.Created, RowResult.Existing, RowResult.CreateFailed,
        RowResult.Accept, RowResult.Revoke, RowResult.Cancelled {

    long line();

    String error();

    default boolean isSuccess() {
        return error().isEmpty();
    }

    /** The Status column: Success or Failed, Existing or Cancelled where those rows say so. */
    default String status() {
        return isSuccess() ? "Success" : "Failed";
    }

    /** The row as its kind records it ({@link Cancelled} wraps one). */
    default RowResult plain() {
        return this;
    }

    /**
     * A row of a chunk that had not started when an admin cancelled its batch: its kind's unprocessed row (its
     * input echoed, and why), nothing written for it.
     */
    record Cancelled(RowResult row) implements RowResult {
        public static final String ERROR = "not processed: the batch was cancelled";

        @Override
        public long line() {
            return row.line();
        }

        @Override
        public String error() {
            return row.error();
        }

        @Override
        public String status() {
            return "Cancelled";
        }

        @Override
        public RowResult plain() {
            return row;
        }
    }

    /**
     * A create row that issued its invitation. Only the validated request is kept: the invitation is rebuilt from
     * it and the batch's context (same row, same token), which keeps the recorded results small.
     */
    record Created(long line, InvitationRequest request) implements RowResult {
        @Override
        public String error() {
            return "";
        }
    }

    /**
     * A create row whose External Id an active invitation already held, with the values the row asked for: that
     * invitation is the row's answer (its token, not a new one).
     */
    record Existing(long line, Invitation invitation, String externalId) implements RowResult {
        @Override
        public String error() {
            return "";
        }

        @Override
        public String status() {
            return "Existing";
        }
    }

    /** A create row that issued nothing: its raw values of the create columns, in their order, and why. */
    record CreateFailed(long line, List<String> values, String error) implements RowResult {
        public CreateFailed {
            values = List.copyOf(values);
        }
    }

    /** An accept row: the Name, the profile, the invitation's type (when known) and the device. */
    record Accept(long line, String name, String profile, String type, String deviceId, String error)
            implements RowResult {
    }

    /** A revoke row: the token, the invitation's name (when known) and how many devices were removed. */
    record Revoke(long line, String token, String name, String devicesRemoved, String error) implements RowResult {
    }
}
