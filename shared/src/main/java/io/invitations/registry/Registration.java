package io.invitations.registry;

/** What became of an attempt to bind a device to an invitation. */
public enum Registration {
    REGISTERED(true, ""),
    ALREADY_REGISTERED(true, ""),
    LIMIT_REACHED(false, "the device limit of the invitation is reached"),
    NOT_TRANSFERABLE(false, "the invitation is not transferable and was accepted under another profile name"),
    DEVICE_HOLDS_OTHER_NAME(false, "this device accepted the invitation under another profile name already"),
    PROFILE_NAME_IN_USE(false, "this device already uses the profile name for another invitation"),
    REVOKED(false, "the invitation has been revoked"),
    UNKNOWN(false, "the invitation has no device-registry entry");

    private final boolean success;
    private final String reason;

    Registration(boolean success, String reason) {
        this.success = success;
        this.reason = reason;
    }

    public boolean isSuccess() {
        return success;
    }

    public String reason() {
        return reason;
    }
}
