package io.invitations.store;

import io.invitations.invitation.Invitation;
import java.util.List;
import java.util.Optional;

/** Issued invitations and their device allowance in the device registry. */
public interface InvitationStore {

    /**
     * Stores the invitations and, for each, its device-registry allowance (MaxDevices, none bound yet).
     * Idempotent: storing the same invitations again changes nothing.
     */
    void createAll(List<Invitation> invitations);

    Optional<StoredInvitation> find(String token);

    /** An invitation and its state in the store. */
    record StoredInvitation(Invitation invitation, boolean revoked) {
    }
}
