package io.invitations.store;

import io.invitations.invitation.Invitation;
import io.invitations.registry.DeviceRegistration;
import io.invitations.registry.Registration;
import java.time.Instant;
import java.util.List;

/**
 * The central registry of the devices bound to each invitation, and of the profiles they accepted it
 * under. The device limit and the transfer rule are enforced here, atomically.
 */
public interface DeviceRegistry {

    /**
     * Binds {@code deviceId} to the invitation under {@code profileName}, unless that would exceed MaxDevices,
     * break the transfer rule, or reuse a profile name the device holds for another invitation.
     */
    Registration register(Invitation invitation, String deviceId, String profileName, Instant at);

    /** The devices bound to an invitation. */
    List<DeviceRegistration> devicesOf(String token);

    /** Removes every device of the invitation (and their profiles) and closes it to new ones; returns how many. */
    int deregisterAll(String token, Instant at);
}
