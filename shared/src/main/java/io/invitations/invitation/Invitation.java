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
}
