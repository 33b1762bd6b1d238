package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import io.invitations.registry.DeviceRegistration;
import io.invitations.registry.Registration;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceRegistry} promises (the device limit and the transfer rule, atomically, and what a
 * repeat or a revocation finds): the same cases against the in-memory registry and against
 * {@code DynamoDeviceRegistry} on DynamoDB Local. Each case works on invitations and devices of its own.
 */
abstract class DeviceRegistryContract {
    private static final Instant NOW = Instant.now();

    /** Where invitations (and their allowances) are created. */
    abstract InvitationStore invitations();

    abstract DeviceRegistry registry();

    @Test
    void devicesAreBoundUpToTheLimitAndARepeatBindsNothingMore() {
        Invitation two = created(2, true);
        String laptop = device();
        assertEquals(Registration.REGISTERED, registry().register(two, laptop, "Team-Ann", NOW));
        assertEquals(Registration.ALREADY_REGISTERED, registry().register(two, laptop, "Team-Ann", NOW));
        assertEquals(Registration.DEVICE_HOLDS_OTHER_NAME, registry().register(two, laptop, "Other", NOW));
        assertEquals(Registration.REGISTERED, registry().register(two, device(), "Team-Ann", NOW));
        assertEquals(Registration.LIMIT_REACHED, registry().register(two, device(), "Team-Ann", NOW));
        assertEquals(2, registry().devicesOf(two.token()).size());
        assertEquals(List.of(laptop), registry().devicesOf(two.token()).stream().map(DeviceRegistration::deviceId)
                .filter(laptop::equals).toList());
    }

    /** A repeat is told by the device's own binding, even where the invitation would refuse a new device. */
    @Test
    void aRepeatOnAFullInvitationIsAlreadyRegisteredNotRefused() {
        Invitation one = created(1, false);
        String laptop = device();
        assertEquals(Registration.REGISTERED, registry().register(one, laptop, "Team-Ann", NOW));
        assertEquals(Registration.ALREADY_REGISTERED, registry().register(one, laptop, "Team-Ann", NOW));
        assertEquals(Registration.DEVICE_HOLDS_OTHER_NAME, registry().register(one, laptop, "Team-Bob", NOW));
        assertEquals(Registration.LIMIT_REACHED, registry().register(one, device(), "Team-Ann", NOW));
        assertEquals(1, registry().devicesOf(one.token()).size());
    }

    @Test
    void aNonTransferableInvitationStaysWithItsFirstProfileName() {
        Invitation single = created(3, false);
        assertEquals(Registration.REGISTERED, registry().register(single, device(), "Team-Ann", NOW));
        assertEquals(Registration.NOT_TRANSFERABLE, registry().register(single, device(), "Team-Bob", NOW));
        assertEquals(Registration.REGISTERED, registry().register(single, device(), "Team-Ann", NOW));
    }

    @Test
    void aDeviceUsesAProfileNameForOneInvitation() {
        String laptop = device();
        assertEquals(Registration.REGISTERED, registry().register(created(1, true), laptop, "Team", NOW));
        assertEquals(Registration.PROFILE_NAME_IN_USE, registry().register(created(1, true), laptop, "Team", NOW));
    }

    @Test
    void aRevocationRemovesEveryDeviceAndClosesTheInvitation() {
        Invitation two = created(2, true);
        registry().register(two, device(), "Team-Ann", NOW);
        registry().register(two, device(), "Team-Ann", NOW);
        assertEquals(2, registry().deregisterAll(two.token(), NOW));
        assertEquals(0, registry().deregisterAll(two.token(), NOW), "again: nothing left");
        assertEquals(List.of(), registry().devicesOf(two.token()));
        assertEquals(Registration.REVOKED, registry().register(two, device(), "Team-Ann", NOW));
    }

    @Test
    void anInvitationWithoutItsAllowanceIsUnknown() {
        Invitation never = invitation(1, true);
        assertEquals(Registration.UNKNOWN, registry().register(never, device(), "Team", NOW));
    }

    private Invitation created(int maxDevices, boolean transferable) {
        Invitation invitation = invitation(maxDevices, transferable);
        invitations().createAll(List.of(invitation));
        return invitation;
    }

    private static Invitation invitation(int maxDevices, boolean transferable) {
        return Invitation.issue(Tokens.forRow(new Tokens().newBatchKey(), 2), new InvitationRequest("Ann",
                InvitationType.READ_WRITE, 30, false, transferable, true, maxDevices, ""), NOW, "", "");
    }

    private static String device() {
        return "dev-" + UUID.randomUUID();
    }
}
