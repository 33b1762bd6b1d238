package io.invitations.invitation;

/**
 * One validated row of a create batch: what the admin asked for, defaults applied. {@code externalId} is the
 * person's id in the provisioning system, empty when the row has none.
 */
public record InvitationRequest(
        String name,
        InvitationType type,
        int validDays,
        boolean canInvite,
        boolean transferable,
        boolean deviceBound,
        int maxDevices,
        String externalId) {

    public InvitationRequest {
        externalId = externalId == null ? "" : externalId;
    }

    public boolean hasExternalId() {
        return !externalId.isEmpty();
    }
}
