package io.invitations.local;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoDeviceRegistry;
import io.invitations.aws.DynamoInvitationStore;
import io.invitations.aws.PipelineConfig;
import io.invitations.local.bench.RequestCounter;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The device registry contract, held by {@code DynamoDeviceRegistry} on DynamoDB Local. */
@ExtendWith(SharedPipeline.class)
class DynamoDeviceRegistryContractTest extends DeviceRegistryContract {
    private DynamoInvitationStore invitations;
    private DynamoDeviceRegistry registry;

    @BeforeEach
    void connect(LocalPipeline pipeline) {
        AwsClients clients = LocalClients.forEndpoints(pipeline.endpoints(), new RequestCounter(),
                AwsClients.Http.URL_CONNECTION);
        PipelineConfig config = pipeline.resources().config();
        invitations = new DynamoInvitationStore(clients.dynamo(), config.invitationsTable(), config.registryTable());
        registry = new DynamoDeviceRegistry(clients.dynamo(), config.registryTable(), config.profilesTable());
    }

    @Override
    InvitationStore invitations() {
        return invitations;
    }

    @Override
    DeviceRegistry registry() {
        return registry;
    }
}
