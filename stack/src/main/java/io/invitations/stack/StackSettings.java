package io.invitations.stack;

/**
 * The event-source and function settings the local runtime and the in-memory pipeline apply, read from template.yaml when it starts (as
 * {@code sam local} does): batch sizes, timeouts, concurrency, visibility timeouts, receive counts, the
 * splitter's asynchronous retries and the parameters' defaults. Tests may shorten some with the {@code with}
 * methods.
 */
public record StackSettings(int workerBatchSize, int workerConcurrency, int workerTimeoutSeconds,
                            int chunkVisibilityTimeoutSeconds, int chunkMaxReceiveCount,
                            int aggregatorBatchSize, int aggregatorTimeoutSeconds,
                            int completionVisibilityTimeoutSeconds, int completionMaxReceiveCount,
                            int splitterAsyncRetries, int rowsPerChunk, int stalledAfterMinutes, long maxRows,
                            int repeatWindowDays, int deadLetterBatchSize) {

    /** The deployed defaults, from the template.yaml this build packaged. */
    public static StackSettings template() {
        return fromTemplate(Template.packaged());
    }

    public static StackSettings fromTemplate(Template template) {
        return new StackSettings(template.number("WorkerEventSource", "BatchSize"),
                template.parameterDefault("WorkerConcurrency"), template.number("WorkerFunction", "Timeout"),
                template.number("ChunkQueue", "VisibilityTimeout"),
                template.number("ChunkQueue", "RedrivePolicy", "maxReceiveCount"),
                template.number("AggregatorEventSource", "BatchSize"), template.number("AggregatorFunction", "Timeout"),
                template.number("CompletionQueue", "VisibilityTimeout"),
                template.number("CompletionQueue", "RedrivePolicy", "maxReceiveCount"),
                template.number("SplitterFunction", "EventInvokeConfig", "MaximumRetryAttempts"),
                template.parameterDefault("RowsPerChunk"), template.parameterDefault("StalledBatchMinutes"),
                io.invitations.pipeline.BatchSplitter.ChunkLimits.MAX_ROWS, template.parameterDefault("RepeatWindowDays"),
                template.number("DeadLetterEventSource", "BatchSize"));
    }

    public StackSettings withWorkerConcurrency(int concurrency) {
        return new StackSettings(workerBatchSize, concurrency, workerTimeoutSeconds, chunkVisibilityTimeoutSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds,
                completionVisibilityTimeoutSeconds, completionMaxReceiveCount, splitterAsyncRetries, rowsPerChunk,
                stalledAfterMinutes, maxRows, repeatWindowDays,
                deadLetterBatchSize);
    }

    public StackSettings withRowsPerChunk(int rows) {
        return new StackSettings(workerBatchSize, workerConcurrency, workerTimeoutSeconds, chunkVisibilityTimeoutSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds, completionVisibilityTimeoutSeconds,
                completionMaxReceiveCount, splitterAsyncRetries, rows, stalledAfterMinutes, maxRows, repeatWindowDays,
                deadLetterBatchSize);
    }

    /** A lower rows-per-batch limit, so that tests reach it without a million-row file. */
    public StackSettings withMaxRows(long rows) {
        return new StackSettings(workerBatchSize, workerConcurrency, workerTimeoutSeconds, chunkVisibilityTimeoutSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds, completionVisibilityTimeoutSeconds,
                completionMaxReceiveCount, splitterAsyncRetries, rowsPerChunk, stalledAfterMinutes, rows, repeatWindowDays,
                deadLetterBatchSize);
    }

    /** Shorter visibility timeouts, so that tests see retries in seconds rather than minutes. */
    public StackSettings withVisibilityTimeouts(int chunkSeconds, int completionSeconds) {
        return new StackSettings(workerBatchSize, workerConcurrency, workerTimeoutSeconds, chunkSeconds,
                chunkMaxReceiveCount, aggregatorBatchSize, aggregatorTimeoutSeconds, completionSeconds,
                completionMaxReceiveCount, splitterAsyncRetries, rowsPerChunk, stalledAfterMinutes, maxRows, repeatWindowDays,
                deadLetterBatchSize);
    }
}
