package io.invitations.observe;

import io.invitations.batch.BatchKind;
import java.time.Duration;

/**
 * A chunk whose results were counted.
 *
 * @param how  processed by a worker, or given up (its rows Failed) after the dead-letter queue or by the sweeper
 * @param took from reading the chunk's batch to counting its results
 */
public record ChunkRecorded(String batchId, BatchKind kind, int chunkIndex, int succeeded, int failed, How how,
                            Duration took) {

    public enum How { PROCESSED, CANCELLED, DEAD_LETTERED, SWEPT }

    public int rows() {
        return succeeded + failed;
    }
}
