package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import io.invitations.store.InvitationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InvitationStore} promises: the same cases against the in-memory store and against
 * {@code DynamoInvitationStore} on DynamoDB Local. Each case works on invitations of its own (fresh tokens).
 */
abstract class InvitationStoreContract {
    private static final Instant NOW = Instant.now();

    abstract InvitationStore store();

    @Test
    void createdInvitationsAreFoundAndAMissingOneIsNot() {
        Invitation ann = invitation("Ann", "");
        store().createAll(List.of(ann));
        store().createAll(List.of(ann));
        InvitationStore.StoredInvitation found = store().find(ann.token()).orElseThrow();
        assertEquals(ann, found.invitation());
        assertFalse(found.revoked());
        assertEquals("", found.externalId());
        assertTrue(store().find(invitation("Nobody", "").token()).isEmpty());
    }

    @Test
    void aLaterAttemptWritesOnlyWhatIsMissingAndReplacesNoRevocation() {
        Invitation ann = invitation("Ann", "");
        Invitation bob = invitation("Bob", "");
        store().createAll(List.of(ann));
        assertTrue(store().markRevoked(ann.token(), NOW));
        store().createMissing(List.of(ann, bob));
        assertTrue(store().find(ann.token()).orElseThrow().revoked(), "the revocation stays");
        assertTrue(store().find(bob.token()).isPresent());
        assertFalse(store().markRevoked(invitation("Nobody", "").token(), NOW), "no such invitation");
    }

    @Test
    void deletedInvitationsAreGoneAndAbsentOnesAreSkipped() {
        Invitation ann = invitation("Ann", "");
        store().createAll(List.of(ann));
        store().deleteAll(List.of(ann.token(), invitation("Nobody", "").token()));
        assertTrue(store().find(ann.token()).isEmpty());
    }

    @Test
    void anExternalIdHasOneActiveHolderInItsScope() {
        String id = "S-" + UUID.randomUUID();
        Invitation first = invitation("Ann", id);
        assertTrue(store().createHolding(first, id, NOW).isEmpty());
        assertTrue(store().createHolding(first, id, NOW).isEmpty(), "the same invitation again: its own claim");
        Invitation second = invitation("Ann", id);
        assertEquals(first.token(), store().createHolding(second, id, NOW).orElseThrow().invitation().token());
        assertFalse(store().find(second.token()).isPresent(), "nothing written for the second");
        assertEquals(id, store().find(first.token()).orElseThrow().externalId());

        assertTrue(store().markRevoked(first.token(), NOW));
        assertTrue(store().createHolding(second, id, NOW).isEmpty(), "a revoked holder's id passes on");
        assertTrue(store().createHolding(first, id, NOW).isEmpty(),
                "a late redelivery of the first row still answers with what it created (simulator seed 4314)");
        assertTrue(store().find(first.token()).orElseThrow().revoked(), "and replaces nothing");
        Invitation third = invitation("Ann", id);
        assertEquals(second.token(), store().createHolding(third, id, NOW).orElseThrow().invitation().token());
        assertTrue(store().createHolding(third, id, NOW.plus(Duration.ofDays(31))).isEmpty(),
                "an expired holder's id passes on");
    }

    @Test
    void everyInvitationIsVisitedAndNoClaim() {
        String id = "S-" + UUID.randomUUID();
        Invitation holder = invitation("Ann", id);
        Invitation plain = invitation("Bob", "");
        store().createHolding(holder, id, NOW);
        store().createAll(List.of(plain));
        List<InvitationStore.StoredInvitation> visited = new ArrayList<>();
        store().forEach(visited::add);
        assertTrue(visited.stream().anyMatch(s -> s.invitation().token().equals(holder.token())
                && s.externalId().equals(id)));
        assertTrue(visited.stream().anyMatch(s -> s.invitation().token().equals(plain.token())));
        assertTrue(visited.stream().allMatch(s -> s.invitation().token().startsWith("inv-")), "no claim item");
    }

    private static Invitation invitation(String name, String externalId) {
        return Invitation.issue(Tokens.forRow(new Tokens().newBatchKey(), 2), new InvitationRequest(name,
                InvitationType.READ_ONLY, 30, false, false, true, 1, externalId), NOW, "", "");
    }
}
