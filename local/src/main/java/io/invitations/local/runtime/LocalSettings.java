package io.invitations.local.runtime;

/**
 * The event-source and function settings the local runtime applies, the same values as template.yaml
 * (a test reads the template and compares them).
 */
public record LocalSettings(int workerBatchSize, int workerConcurrency, int workerTimeoutSeconds,
                            int chunkVisibilityTimeoutSeconds, int chunkMaxReceiveCount,
                            int aggregatorBatchSize, int aggregatorTimeoutSeconds,
                            int completionVisibilityTimeoutSeconds, int completionMaxReceiveCount,
                            int splitterAsyncRetries, int rowsPerChunk, int stalledAfterMinutes, long maxRows) {

    /** The deployed defaults, as in template.yaml. */
    public static LocalSettings template() {
        return new LocalSettings(10, 5, 60, 360, 5, 1, 300, 1800, 5, 2, 100, 60,
                io.invitations.pipeline.BatchSplitter.ChunkLimits.MAX_ROWS);
    }

    public LocalSettings withWorkerConcurrency(int concurrency) {
        return new LocalSettings(workerBatchSize, concurrency, workerTimeoutSeconds, chunkVisibilityTimeoutSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds,
                completionVisibilityTimeoutSeconds, completionMaxReceiveCount, splitterAsyncRetries, rowsPerChunk,
                stalledAfterMinutes, maxRows);
    }

    public LocalSettings withRowsPerChunk(int rows) {
        return new LocalSettings(workerBatchSize, workerConcurrency, workerTimeoutSeconds, chunkVisibilityTimeoutSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds, completionVisibilityTimeoutSeconds,
                completionMaxReceiveCount, splitterAsyncRetries, rows, stalledAfterMinutes, maxRows);
    }

    /** A lower rows-per-batch limit, so that tests reach it without a million-row file. */
    public LocalSettings withMaxRows(long rows) {
        return new LocalSettings(workerBatchSize, workerConcurrency, workerTimeoutSeconds, chunkVisibilityTimeoutSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds, completionVisibilityTimeoutSeconds,
                completionMaxReceiveCount, splitterAsyncRetries, rowsPerChunk, stalledAfterMinutes, rows);
    }

    /** Shorter visibility timeouts, so that tests see retries in seconds rather than minutes. */
    public LocalSettings withVisibilityTimeouts(int chunkSeconds, int completionSeconds) {
        return new LocalSettings(workerBatchSize, workerConcurrency, workerTimeoutSeconds, chunkSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds, completionSeconds,
                completionMaxReceiveCount, splitterAsyncRetries, rowsPerChunk, stalledAfterMinutes, maxRows);
    }
}
