package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoInvitationStore;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import io.invitations.local.bench.RequestCounter;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.InvitationStore.StoredInvitation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An External Id's claim on DynamoDB Local: written with its invitation in one conditional transaction, so that of
 * many batches racing on one id exactly one creates, and the others are answered with that one (the rest of what a
 * claim does, on both stores alike: {@link InvitationStoreContract}).
 */
@ExtendWith(SharedPipeline.class)
class DynamoExternalIdsTest {
    private static final Instant NOW = Instant.now();

    @Test
    void ofBatchesRacingOnOneIdExactlyOneCreates(LocalPipeline pipeline) throws Exception {
        DynamoInvitationStore store = store(pipeline);
        String id = "S-" + UUID.randomUUID();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Invitation> invitations = new ArrayList<>();
        List<Future<Optional<StoredInvitation>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Invitation invitation = invitation(id);
                invitations.add(invitation);
                Callable<Optional<StoredInvitation>> race = () -> {
                    start.await();
                    return store.createHolding(invitation, id, NOW);
                };
                answers.add(pool.submit(race));
            }
            start.countDown();
            List<String> created = new ArrayList<>();
            List<String> holders = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Optional<StoredInvitation> answer = answers.get(i).get();
                if (answer.isEmpty()) {
                    created.add(invitations.get(i).token());
                } else {
                    holders.add(answer.get().invitation().token());
                }
            }
            assertEquals(1, created.size(), "exactly one racer creates");
            assertTrue(holders.stream().allMatch(created.get(0)::equals), "the others are answered with it");
            long stored = invitations.stream().filter(i -> store.find(i.token()).isPresent()).count();
            assertEquals(1, stored, "and only its invitation is stored");
            assertEquals(id, store.find(created.get(0)).orElseThrow().externalId());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Invitation invitation(String externalId) {
        return Invitation.issue(Tokens.forRow(new Tokens().newBatchKey(), 2), new InvitationRequest("Ann",
                InvitationType.READ_ONLY, 30, false, false, true, 1, externalId), NOW, "", "");
    }

    private static DynamoInvitationStore store(LocalPipeline pipeline) {
        AwsClients clients = LocalClients.forEndpoints(pipeline.endpoints(), new RequestCounter(),
                AwsClients.Http.URL_CONNECTION);
        return new DynamoInvitationStore(clients.dynamo(), pipeline.resources().config().invitationsTable(),
                pipeline.resources().config().registryTable());
    }
}
