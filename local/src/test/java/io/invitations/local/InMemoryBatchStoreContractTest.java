package io.invitations.local;

import io.invitations.memory.InMemoryBatchStore;
import io.invitations.memory.ManualClock;
import io.invitations.store.BatchStore;
import java.time.Instant;

/** The batch store contract, held by the in-memory store. */
class InMemoryBatchStoreContractTest extends BatchStoreContract {
    private final InMemoryBatchStore store = new InMemoryBatchStore(new ManualClock(Instant.parse("2026-12-01T09:00:00Z")));

    @Override
    BatchStore store() {
        return store;
    }
}
