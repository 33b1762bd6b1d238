package io.invitations.local;

import io.invitations.memory.InMemoryChunkQueue;
import io.invitations.memory.InMemoryCompletionQueue;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.memory.InMemoryQueue;
import io.invitations.memory.ManualClock;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The queue contract, held by the in-memory queues (configured as InMemoryPipeline configures them). */
class InMemoryQueueContractTest extends QueueContract {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final InMemoryChunkQueue chunks = new InMemoryChunkQueue(new InMemoryQueue(clock,
            InMemoryPipeline.CHUNK_VISIBILITY, InMemoryPipeline.MAX_RECEIVES, false));
    private final InMemoryCompletionQueue completions = new InMemoryCompletionQueue(new InMemoryQueue(clock,
            InMemoryPipeline.COMPLETION_VISIBILITY, InMemoryPipeline.COMPLETION_MAX_RECEIVES, true));

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

    /** Receives and deletes until a receive is empty, as the SQS side does (a FIFO group gives one at a time). */
    private static List<String> drain(InMemoryQueue queue) {
        List<String> bodies = new ArrayList<>();
        for (List<InMemoryQueue.Delivery> received = queue.receive(10); !received.isEmpty();
                received = queue.receive(10)) {
            received.forEach(queue::delete);
            received.forEach(delivery -> bodies.add(delivery.body()));
        }
        return bodies;
    }
}
