package io.invitations.local;

import io.invitations.memory.InMemoryInvitations;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;

/** The device registry contract, held by the in-memory registry. */
class InMemoryDeviceRegistryContractTest extends DeviceRegistryContract {
    private final InMemoryInvitations store = new InMemoryInvitations();

    @Override
    InvitationStore invitations() {
        return store;
    }

    @Override
    DeviceRegistry registry() {
        return store;
    }
}
