package io.invitations.local;

import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryObjectStore;
import io.invitations.store.ObjectStore;
import java.util.Map;
import java.util.Optional;

/** The object store contract, held by the in-memory bucket. */
class InMemoryObjectStoreContractTest extends ObjectStoreContract {
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    String bucket() {
        return "contract";
    }

    @Override
    SourceObject put(String key, String content, Map<String, String> metadata) {
        return store.put(bucket(), key, content, metadata);
    }

    @Override
    Optional<String> read(String key) {
        return store.read(bucket(), key);
    }
}
