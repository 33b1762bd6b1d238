package io.invitations.store;

import io.invitations.invitation.Invitation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Issued invitations and their device allowance in the device registry. */
public interface InvitationStore {

    /**
     * Stores the invitations and, for each, its device-registry allowance (MaxDevices, none bound yet).
     * Idempotent: storing the same invitations again changes nothing.
     */
    void createAll(List<Invitation> invitations);

    /**
     * Stores those of the invitations (and allowances) that are not stored yet, one conditional write per item:
     * an item already there, revoked, accepted or not, is left as it is.
     */
    void createMissing(List<Invitation> invitations);

    Optional<StoredInvitation> find(String token);

    /** Removes invitations (and their device allowance) that must not exist; absent ones are skipped. */
    void deleteAll(List<String> tokens);

    /** Marks the invitation revoked; false when there is no such invitation. Revoking twice is harmless. */
    boolean markRevoked(String token, Instant at);

    /** Visits every stored invitation, page by page (never the whole table in memory). */
    void forEach(Consumer<StoredInvitation> visitor);

    /** An invitation and its state in the store. */
    record StoredInvitation(Invitation invitation, boolean revoked) {
    }
}
