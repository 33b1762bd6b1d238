package io.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvitationTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Invitation invitation(String token, InvitationType type, int days, boolean canInvite,
                                         boolean transferable, boolean deviceBound, int maxDevices) {
        return Invitation.issue(token, new InvitationRequest("Ann", type, days, canInvite, transferable,
                deviceBound, maxDevices, ""), NOW, "s3://cfg/x", "");
    }

    @Test
    void tokensHaveTheSeedShape() {
        String token = new Tokens().newToken();
        assertTrue(Tokens.looksLikeToken(token), token);
        assertEquals(47, token.length());
    }

    @Test
    void rowTokensAreDeterministicPerBatchKeyAndRow() {
        Tokens tokens = new Tokens(new SecureRandom());
        String key = tokens.newBatchKey();
        assertEquals(Tokens.forRow(key, 5), Tokens.forRow(key, 5));
        assertNotEquals(Tokens.forRow(key, 5), Tokens.forRow(key, 6));
        assertNotEquals(Tokens.forRow(key, 5), Tokens.forRow(tokens.newBatchKey(), 5));
        assertTrue(Tokens.looksLikeToken(Tokens.forRow(key, 5)));
    }

    @Test
    void rowTokensDoNotRepeatAcrossAMillionRows() {
        String key = new Tokens().newBatchKey();
        Set<String> seen = new HashSet<>();
        for (long row = 0; row < 1_000_000; row += 7) {
            assertTrue(seen.add(Tokens.forRow(key, row)));
        }
    }

    @Test
    void encodedInvitationRoundTrips() {
        Invitation original = new Invitation(new Tokens().newToken(), "Zoë \"Z\" O'Neil", InvitationType.READ_WRITE,
                NOW, NOW.plusSeconds(86400 * 60), "s3://bucket/config", false, true, false, 2, "");
        String encoded = InvitationCodec.encode(original);
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), "base64url without padding");
        assertEquals(original, InvitationCodec.decode(encoded));
    }

    @Test
    void encodedInvitationUsesTheSeedFieldNames() {
        String json = new String(java.util.Base64.getUrlDecoder().decode(
                InvitationCodec.encode(invitation("inv-t", InvitationType.ADMIN, 90, true, false, true, 3))));
        for (String field : new String[] {"\"token\"", "\"name\"", "\"type\":\"admin\"", "\"created\"", "\"expires\"",
                "\"s3_config_path\"", "\"can_invite\":true", "\"transferable\":false", "\"device_bound\":true",
                "\"max_devices\":3", "\"parent_token\""}) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void everyAlteredFieldIsNamed() {
        Invitation issued = invitation("inv-t", InvitationType.READ_ONLY, 30, false, false, true, 1);
        assertEquals(Optional.empty(), issued.differingField(issued));
        java.util.Map<String, Invitation> edits = java.util.Map.of(
                "token", new Invitation("inv-u", issued.name(), issued.type(), issued.created(), issued.expires(), issued.s3ConfigPath(), false, false, true, 1, ""),
                "name", new Invitation("inv-t", "Eve", issued.type(), issued.created(), issued.expires(), issued.s3ConfigPath(), false, false, true, 1, ""),
                "type", new Invitation("inv-t", issued.name(), InvitationType.ADMIN, issued.created(), issued.expires(), issued.s3ConfigPath(), false, false, true, 1, ""),
                "expires", new Invitation("inv-t", issued.name(), issued.type(), issued.created(), issued.expires().plusSeconds(1), issued.s3ConfigPath(), false, false, true, 1, ""),
                "max_devices", new Invitation("inv-t", issued.name(), issued.type(), issued.created(), issued.expires(), issued.s3ConfigPath(), false, false, true, 9, ""),
                "can_invite", new Invitation("inv-t", issued.name(), issued.type(), issued.created(), issued.expires(), issued.s3ConfigPath(), true, false, true, 1, ""));
        edits.forEach((field, edited) -> assertEquals(Optional.of(field), issued.differingField(edited)));
    }

    @Test
    void undecodableDataSaysWhy() {
        assertThrows(IllegalArgumentException.class, () -> InvitationCodec.decode("not base64 !"));
        assertThrows(IllegalArgumentException.class, () -> InvitationCodec.decode(
                java.util.Base64.getUrlEncoder().encodeToString("[1,2]".getBytes())));
        assertThrows(IllegalArgumentException.class, () -> InvitationCodec.decode(
                java.util.Base64.getUrlEncoder().encodeToString("{\"token\":\"x\"}".getBytes())));
    }

    @Test
    void validDaysAndDaysLeft() {
        Invitation i = invitation("inv-t", InvitationType.ADMIN, 90, true, false, true, 3);
        assertEquals(90, i.validDays());
        assertEquals(89, i.daysLeftAt(NOW.plusSeconds(3600)));
        assertTrue(i.isExpiredAt(NOW.plusSeconds(86400L * 90)));
    }

    @Test
    void parentMustBeUsable() {
        Invitation parent = invitation("inv-p", InvitationType.ADMIN, 10, true, false, true, 3);
        assertEquals(Optional.empty(), InvitationRules.parentUnusable(parent, false, NOW));
        assertTrue(InvitationRules.parentUnusable(parent, true, NOW).orElseThrow().contains("revoked"));
        assertTrue(InvitationRules.parentUnusable(parent, false, NOW.plusSeconds(86400L * 11)).orElseThrow()
                .contains("expired"));
        Invitation noInvite = invitation("inv-p", InvitationType.ADMIN, 10, false, false, true, 3);
        assertTrue(InvitationRules.parentUnusable(noInvite, false, NOW).orElseThrow().contains("CanInvite"));
    }

    @Test
    void childMayNotExceedItsParent() {
        Invitation parent = invitation("inv-p", InvitationType.READ_WRITE, 60, true, false, true, 2);
        assertFalse(InvitationRules.exceedsParent(
                invitation("c", InvitationType.READ_WRITE, 60, false, false, true, 2), parent).isPresent());
        assertTrue(InvitationRules.exceedsParent(invitation("c", InvitationType.ADMIN, 10, false, false, true, 1),
                parent).orElseThrow().contains("Type admin is above the parent's type read_write"));
        assertTrue(InvitationRules.exceedsParent(invitation("c", InvitationType.READ_ONLY, 61, false, false, true, 1),
                parent).orElseThrow().contains("ValidDays 61 would expire after the parent"));
        assertTrue(InvitationRules.exceedsParent(invitation("c", InvitationType.READ_ONLY, 10, false, false, true, 3),
                parent).orElseThrow().contains("MaxDevices 3 is above the parent's limit of 2"));
        assertTrue(InvitationRules.exceedsParent(invitation("c", InvitationType.READ_ONLY, 10, false, true, true, 1),
                parent).orElseThrow().contains("Transferable"));
        assertTrue(InvitationRules.exceedsParent(invitation("c", InvitationType.READ_ONLY, 10, false, false, false, 1),
                parent).orElseThrow().contains("DeviceBound"));
    }
}
