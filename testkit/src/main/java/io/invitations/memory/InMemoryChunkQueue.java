package io.invitations.memory;

import io.invitations.aws.ChunkMessageBody;
import io.invitations.batch.ChunkMessage;
import io.invitations.store.ChunkQueue;
import java.util.List;

/** The work queue: chunk messages in their wire form on an {@link InMemoryQueue} (standard, at least once). */
public final class InMemoryChunkQueue implements ChunkQueue {
    private final InMemoryQueue queue;

    public InMemoryChunkQueue(InMemoryQueue queue) {
        this.queue = queue;
    }

    @Override
    public void sendAll(List<ChunkMessage> chunks) {
        chunks.forEach(chunk -> queue.send(ChunkMessageBody.encode(chunk)));
    }

    public InMemoryQueue queue() {
        return queue;
    }
}
