package io.invitations.local;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoBatchStore;
import io.invitations.local.bench.RequestCounter;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.BatchStore;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batch store contract, held by {@code DynamoBatchStore} on DynamoDB Local. */
@ExtendWith(SharedPipeline.class)
class DynamoBatchStoreContractTest extends BatchStoreContract {
    private DynamoBatchStore store;

    @BeforeEach
    void connect(LocalPipeline pipeline) {
        AwsClients clients = LocalClients.forEndpoints(pipeline.endpoints(), new RequestCounter(),
                AwsClients.Http.URL_CONNECTION);
        store = new DynamoBatchStore(clients.dynamo(), pipeline.resources().config().batchesTable(),
                Clock.systemUTC());
    }

    @Override
    BatchStore store() {
        return store;
    }
}
