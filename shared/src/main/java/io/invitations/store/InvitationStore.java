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

    /**
     * Creates the invitation (and its allowance) as the holder of {@code externalId} within its parent's scope (the
     * top level when it has none), unless an active invitation (not revoked, not expired at {@code now}) holds that
     * id there: then nothing is written and that holder is returned. The id's claim and the invitation are written
     * together and conditionally, so two batches racing on one id never both create; a holder revoked, expired or
     * gone gives its id up. Creating the same invitation again (a redelivery) answers empty and replaces nothing:
     * it is this row's, even if it was revoked and its id passed on meanwhile.
     */
    Optional<StoredInvitation> createHolding(Invitation invitation, String externalId, Instant now);

    Optional<StoredInvitation> find(String token);

    /** Removes invitations (and their device allowance) that must not exist; absent ones are skipped. */
    void deleteAll(List<String> tokens);

    /** Marks the invitation revoked; false when there is no such invitation. Revoking twice is harmless. */
    boolean markRevoked(String token, Instant at);

    /** Visits every stored invitation, page by page (never the whole table in memory). */
    void forEach(Consumer<StoredInvitation> visitor);

    /** An invitation, its state in the store, and the External Id it holds (empty when none). */
    record StoredInvitation(Invitation invitation, boolean revoked, String externalId) {
        public StoredInvitation {
            externalId = externalId == null ? "" : externalId;
        }

        public boolean isActiveAt(Instant now) {
            return !revoked && !invitation.isExpiredAt(now);
        }
    }
}
