package io.invitations.local;

import io.invitations.memory.InMemoryChunkQueue;
import io.invitations.memory.InMemoryCompletionQueue;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.memory.InMemoryQueue;
import io.invitations.memory.ManualClock;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import java.time.Instant;
import java.util.List;

/** The queue contract, held by the in-memory queues (configured as InMemoryPipeline configures them). */
class InMemoryQueueContractTest extends QueueContract {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryChunkQueue chunks = new InMemoryChunkQueue(new InMemoryQueue(clock,
            InMemoryPipeline.CHUNK_VISIBILITY, InMemoryPipeline.MAX_RECEIVES, false));
    private final InMemoryCompletionQueue completions = new InMemoryCompletionQueue(new InMemoryQueue(clock,
            InMemoryPipeline.COMPLETION_VISIBILITY, InMemoryPipeline.MAX_RECEIVES, true));

    @Override
    ChunkQueue chunks() {
        return chunks;
    }

    @Override
    List<String> drainChunks() {
        return drain(chunks.queue());
    }

    @Override
    CompletionQueue completions() {
        return completions;
    }

    @Override
    List<String> drainCompletions() {
        return drain(completions.queue());
    }

    private static List<String> drain(InMemoryQueue queue) {
        List<InMemoryQueue.Delivery> all = queue.receive(1000);
        all.forEach(queue::delete);
        return all.stream().map(InMemoryQueue.Delivery::body).toList();
    }
}
