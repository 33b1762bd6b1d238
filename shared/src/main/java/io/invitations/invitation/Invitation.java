package io.invitations.invitation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An issued invitation, exactly as stored and as encoded for its recipient.
 * {@code s3ConfigPath} and {@code parentToken} are empty strings when absent.
 */
public record Invitation(
        String token,
        String name,
        InvitationType type,
        Instant created,
        Instant expires,
        String s3ConfigPath,
        boolean canInvite,
        boolean transferable,
        boolean deviceBound,
        int maxDevices,
        String parentToken) {

    public Invitation {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        s3ConfigPath = s3ConfigPath == null ? "" : s3ConfigPath;
        parentToken = parentToken == null ? "" : parentToken;
    }

    /** Issues an invitation for a validated request, valid for the requested days from {@code created}. */
    public static Invitation issue(String token, InvitationRequest request, Instant created,
                                   String s3ConfigPath, String parentToken) {
        return new Invitation(token, request.name(), request.type(), created,
                created.plus(Duration.ofDays(request.validDays())), s3ConfigPath,
                request.canInvite(), request.transferable(), request.deviceBound(),
                request.maxDevices(), parentToken);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /** Whole days from {@code now} until expiry (0 once expired). */
    public long daysLeftAt(Instant now) {
        return isExpiredAt(now) ? 0 : Duration.between(now, expires).toDays();
    }

    /** Whole days between creation and expiry: the ValidDays the invitation was issued with. */
    public long validDays() {
        return Duration.between(created, expires).toDays();
    }

    /**
     * The first field (by its encoded name) in which {@code other} differs from this invitation, if any:
     * how an edited encoded invitation is told apart from the one that was issued.
     */
    public java.util.Optional<String> differingField(Invitation other) {
        java.util.Map<String, Boolean> same = new java.util.LinkedHashMap<>();
        same.put("token", token.equals(other.token));
        same.put("name", name.equals(other.name));
        same.put("type", type == other.type);
        same.put("created", created.equals(other.created));
        same.put("expires", expires.equals(other.expires));
        same.put("s3_config_path", s3ConfigPath.equals(other.s3ConfigPath));
        same.put("can_invite", canInvite == other.canInvite);
        same.put("transferable", transferable == other.transferable);
        same.put("device_bound", deviceBound == other.deviceBound);
        same.put("max_devices", maxDevices == other.maxDevices);
        same.put("parent_token", parentToken.equals(other.parentToken));
        return same.entrySet().stream().filter(e -> !e.getValue()).map(java.util.Map.Entry::getKey).findFirst();
    }
}
