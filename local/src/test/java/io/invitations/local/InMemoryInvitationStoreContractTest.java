package io.invitations.local;

import io.invitations.memory.InMemoryInvitations;
import io.invitations.store.InvitationStore;

/** The invitation store contract, held by the in-memory store. */
class InMemoryInvitationStoreContractTest extends InvitationStoreContract {
    private final InMemoryInvitations store = new InMemoryInvitations();

    @Override
    InvitationStore store() {
        return store;
    }
}
