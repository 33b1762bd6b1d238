package io.invitations.pipeline;

import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;

/** An invitation as a row of a create batch's results or of an export. */
final class InvitationRows {
    private InvitationRows() {
    }

    /** The invitation's row with {@code status} (Success, or Existing: a create row's External Id held by it). */
    static ResultRow of(Invitation invitation, String validDays, String status, boolean includeEncoded,
                        String externalId) {
        return new ResultRow(invitation.name(), invitation.type().wireName(), invitation.token(), validDays,
                ResultRow.yesNo(invitation.canInvite()), ResultRow.yesNo(invitation.transferable()),
                ResultRow.yesNo(invitation.deviceBound()), String.valueOf(invitation.maxDevices()), status,
                includeEncoded ? InvitationCodec.encode(invitation) : "", "", externalId);
    }
}
