package io.invitations.invitation;

/** One validated row of a create batch: what the admin asked for, defaults applied. */
public record InvitationRequest(
        String name,
        InvitationType type,
        int validDays,
        boolean canInvite,
        boolean transferable,
        boolean deviceBound,
        int maxDevices) {
}
