package io.invitations.pipeline;

import io.invitations.csv.ResultsCsvWriter.ResultRow;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationCodec;

/** An invitation as a row of a create batch's results or of an export. */
final class InvitationRows {
    private InvitationRows() {
    }

    static ResultRow success(Invitation invitation, String validDays, boolean includeEncoded) {
        return new ResultRow(invitation.name(), invitation.type().wireName(), invitation.token(), validDays,
                ResultRow.yesNo(invitation.canInvite()), ResultRow.yesNo(invitation.transferable()),
                ResultRow.yesNo(invitation.deviceBound()), String.valueOf(invitation.maxDevices()), "Success",
                includeEncoded ? InvitationCodec.encode(invitation) : "", "");
    }
}
