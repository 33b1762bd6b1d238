package io.invitations.observe;

import java.util.List;

/**
 * What operations watch in a batch's life: metrics and completion events hang on these calls, made by the
 * services at the moment each thing happens (a chunk's results counted, a batch's outputs written, a stalled
 * batch swept). Each call is made once per thing on the happy path; a crash between the thing and the call
 * loses the call, a crash after it and before the thing is noted repeats it (see {@code ResultsAggregator}).
 */
public interface PipelineObserver {
    /** Observes nothing. */
    PipelineObserver NONE = new PipelineObserver() {
    };

    /** A chunk's results were counted, by this call (a redelivered chunk found counted is not reported). */
    default void chunkRecorded(ChunkRecorded chunk) {
    }

    /** A batch's results and summary are written (reported before the batch is marked finished). */
    default void batchFinished(BatchFinished batch) {
    }

    /** The sweeper found a batch without progress and finished or restarted it. */
    default void batchSwept(String batchId) {
    }

    /** The sweeper gave up restarting a batch's aggregation: it is left to the on-call engineer. */
    default void aggregationAbandoned(String batchId, int restarts) {
    }

    /** Every observer, in order: a throwing one stops the rest (a completion event goes first). */
    static PipelineObserver all(List<PipelineObserver> observers) {
        return new PipelineObserver() {
            @Override
            public void chunkRecorded(ChunkRecorded chunk) {
                observers.forEach(o -> o.chunkRecorded(chunk));
            }

            @Override
            public void batchFinished(BatchFinished batch) {
                observers.forEach(o -> o.batchFinished(batch));
            }

            @Override
            public void batchSwept(String batchId) {
                observers.forEach(o -> o.batchSwept(batchId));
            }

            @Override
            public void aggregationAbandoned(String batchId, int restarts) {
                observers.forEach(o -> o.aggregationAbandoned(batchId, restarts));
            }
        };
    }
}
