package io.invitations.invitation;

import java.time.Instant;
import java.util.Optional;

/** The seed's defaults and limits, and the hierarchy rules a child invitation must keep. */
public final class InvitationRules {
    public static final int DEFAULT_VALID_DAYS = 30;
    public static final int MIN_VALID_DAYS = 1;
    public static final int MAX_VALID_DAYS = 3650;
    public static final int DEFAULT_MAX_DEVICES = 1;
    public static final int MIN_MAX_DEVICES = 1;
    public static final int MAX_MAX_DEVICES = 100;
    public static final int MAX_NAME_LENGTH = 256;
    /** An External Id keys a DynamoDB item with its scope: short enough for any key, long enough for any HR system. */
    public static final int MAX_EXTERNAL_ID_LENGTH = 128;
    public static final boolean DEFAULT_TRANSFERABLE = false;
    public static final boolean DEFAULT_DEVICE_BOUND = true;

    private InvitationRules() {
    }

    /** CanInvite defaults to true for admins only. */
    public static boolean defaultCanInvite(InvitationType type) {
        return type == InvitationType.ADMIN;
    }

    /**
     * Why {@code parent} cannot issue invitations at {@code now}, if it cannot: the batch fails as a whole then.
     */
    public static Optional<String> parentUnusable(Invitation parent, boolean revoked, Instant now) {
        if (revoked) {
            return Optional.of("parent invitation has been revoked");
        }
        if (parent.isExpiredAt(now)) {
            return Optional.of("parent invitation expired at " + parent.expires());
        }
        if (!parent.canInvite()) {
            return Optional.of("parent invitation does not allow inviting (CanInvite is no)");
        }
        return Optional.empty();
    }

    /** The first limit of {@code parent} that {@code child} would exceed, if any. Nothing is clamped. */
    public static Optional<String> exceedsParent(Invitation child, Invitation parent) {
        if (child.type().exceeds(parent.type())) {
            return Optional.of("Type " + child.type().wireName() + " is above the parent's type "
                    + parent.type().wireName());
        }
        if (child.expires().isAfter(parent.expires())) {
            return Optional.of("ValidDays " + child.validDays() + " would expire after the parent invitation ("
                    + parent.expires() + ")");
        }
        if (child.maxDevices() > parent.maxDevices()) {
            return Optional.of("MaxDevices " + child.maxDevices() + " is above the parent's limit of "
                    + parent.maxDevices());
        }
        if (child.transferable() && !parent.transferable()) {
            return Optional.of("Transferable yes is not allowed under a non-transferable parent");
        }
        if (!child.deviceBound() && parent.deviceBound()) {
            return Optional.of("DeviceBound no is not allowed under a device-bound parent");
        }
        return Optional.empty();
    }
}
