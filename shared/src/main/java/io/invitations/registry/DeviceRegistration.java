package io.invitations.registry;

import java.time.Instant;

/** A device bound to an invitation, and the profile name it accepted it under. */
public record DeviceRegistration(String token, String deviceId, String profileName, Instant registeredAt) {
}
