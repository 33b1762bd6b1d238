package io.invitations.local;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoInvitationStore;
import io.invitations.local.bench.RequestCounter;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.InvitationStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The invitation store contract, held by {@code DynamoInvitationStore} on DynamoDB Local. */
@ExtendWith(SharedPipeline.class)
class DynamoInvitationStoreContractTest extends InvitationStoreContract {
    private DynamoInvitationStore store;

    @BeforeEach
    void connect(LocalPipeline pipeline) {
        AwsClients clients = LocalClients.forEndpoints(pipeline.endpoints(), new RequestCounter(),
                AwsClients.Http.URL_CONNECTION);
        store = new DynamoInvitationStore(clients.dynamo(), pipeline.resources().config().invitationsTable(),
                pipeline.resources().config().registryTable());
    }

    @Override
    InvitationStore store() {
        return store;
    }
}
