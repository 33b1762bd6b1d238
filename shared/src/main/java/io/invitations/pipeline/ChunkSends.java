package io.invitations.pipeline;

import io.invitations.batch.ChunkMessage;
import io.invitations.store.ChunkQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Queues chunks as they are built, {@code perSend} to a request: a file is streamed into the queue, never held
 * whole. Call {@link #flush()} after the last chunk.
 */
final class ChunkSends implements Consumer<ChunkMessage> {
    private final ChunkQueue queue;
    private final int perSend;
    private final List<ChunkMessage> pending = new ArrayList<>();

    ChunkSends(ChunkQueue queue, int perSend) {
        this.queue = queue;
        this.perSend = perSend;
    }

    @Override
    public void accept(ChunkMessage chunk) {
        pending.add(chunk);
        if (pending.size() == perSend) {
            flush();
        }
    }

    void flush() {
        if (!pending.isEmpty()) {
            queue.sendAll(pending);
            pending.clear();
        }
    }
}
