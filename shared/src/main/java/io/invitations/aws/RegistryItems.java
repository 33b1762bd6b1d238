package io.invitations.aws;

import static io.invitations.aws.Attributes.n;
import static io.invitations.aws.Attributes.s;

import io.invitations.invitation.Invitation;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The device-registry table's items, the one place their shape is written down: per invitation ({@code token}),
 * one allowance item ({@code device = #allowance}: MaxDevices, how many devices are bound, the holder's name,
 * revoked) written with the invitation, and one item per bound device (its profile name). Both stores that
 * write the table, the invitations' and the registry's, use these.
 */
final class RegistryItems {
    static final String TOKEN = "token";
    static final String DEVICE = "device";
    static final String ALLOWANCE = "#allowance";
    static final String PROFILE = "profile";
    static final String REGISTERED_AT = "registeredAt";
    /** Expired invitations stay readable (for "expired" errors and audits) this long before TTL removes them. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(90);

    private RegistryItems() {
    }

    static Map<String, AttributeValue> key(String token, String device) {
        return Map.of(TOKEN, s(token), DEVICE, s(device));
    }

    static Map<String, AttributeValue> allowanceKey(String token) {
        return key(token, ALLOWANCE);
    }

    /** A new invitation's allowance: its MaxDevices, none bound yet. */
    static Map<String, AttributeValue> allowance(Invitation invitation) {
        return Map.of(TOKEN, s(invitation.token()), DEVICE, s(ALLOWANCE),
                "maxDevices", n(invitation.maxDevices()), "boundDevices", n(0),
                "expiresAt", Attributes.ttl(invitation.expires().plus(KEEP_AFTER_EXPIRY)));
    }
}
