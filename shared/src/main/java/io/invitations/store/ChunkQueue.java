package io.invitations.store;

import io.invitations.batch.ChunkMessage;
import java.util.List;

/** The work queue between the splitter and the workers. */
public interface ChunkQueue {

    /** Queues the chunks, as few requests as the queue allows. */
    void sendAll(List<ChunkMessage> chunks);
}
