package io.invitations.aws;

import io.invitations.observe.BatchFinished;
import io.invitations.observe.ChunkRecorded;
import io.invitations.observe.PipelineObserver;
import java.util.function.Consumer;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The pipeline's metrics in CloudWatch embedded metric format: one log line per observed thing, which CloudWatch
 * turns into metrics of namespace {@code namespace} with the one dimension {@code Stack} (the alarms and the
 * dashboard of template.yaml read them so). The batch id, kind and chunk are properties of the line, for Logs
 * Insights, not dimensions: a dimension per batch would make a metric per batch.
 */
public final class EmfMetrics implements PipelineObserver {
    public static final String ROWS_PROCESSED = "RowsProcessed";
    public static final String CHUNK_PROCESSING_TIME = "ChunkProcessingTime";
    public static final String CHUNKS_DEAD_LETTERED = "ChunksDeadLettered";
    public static final String ROWS_SUCCEEDED = "RowsSucceeded";
    public static final String ROWS_FAILED = "RowsFailed";
    public static final String BATCH_DURATION = "BatchDuration";
    public static final String STALLED_BATCHES_SWEPT = "StalledBatchesSwept";
    public static final String AGGREGATIONS_ABANDONED = "AggregationsAbandoned";

    private final Environment environment;
    private final String namespace;
    private final String stack;

    /** {@code environment}: where the lines go (on Lambda, its standard output). */
    public EmfMetrics(Environment environment, String namespace, String stack) {
        this.environment = environment;
        this.namespace = namespace;
        this.stack = stack;
    }

    /** The metric counting finished batches of an outcome: BatchesCompleted, BatchesFailed, BatchesRejected. */
    public static String batchesMetric(BatchFinished.Outcome outcome) {
        String name = outcome.name();
        return "Batches" + name.charAt(0) + name.substring(1).toLowerCase();
    }

    @Override
    public void chunkRecorded(ChunkRecorded chunk) {
        emit(chunk.batchId(), metrics -> {
            metrics.putProperty("kind", chunk.kind().name().toLowerCase());
            metrics.putProperty("chunkIndex", chunk.chunkIndex());
            metrics.putMetric(ROWS_PROCESSED, chunk.rows(), Unit.COUNT);
            if (chunk.how() == ChunkRecorded.How.PROCESSED) {
                metrics.putMetric(CHUNK_PROCESSING_TIME, chunk.took().toMillis(), Unit.MILLISECONDS);
            } else if (chunk.how() == ChunkRecorded.How.DEAD_LETTERED) {
                metrics.putMetric(CHUNKS_DEAD_LETTERED, 1, Unit.COUNT);
            }
        });
    }

    @Override
    public void batchFinished(BatchFinished batch) {
        emit(batch.summary().batchId(), metrics -> {
            metrics.putProperty("kind", batch.kind().name().toLowerCase());
            metrics.putMetric(batchesMetric(batch.outcome()), 1, Unit.COUNT);
            metrics.putMetric(ROWS_SUCCEEDED, batch.summary().succeeded(), Unit.COUNT);
            metrics.putMetric(ROWS_FAILED, batch.summary().failed(), Unit.COUNT);
            metrics.putMetric(BATCH_DURATION, batch.took().toMillis(), Unit.MILLISECONDS);
        });
    }

    @Override
    public void batchSwept(String batchId) {
        emit(batchId, metrics -> metrics.putMetric(STALLED_BATCHES_SWEPT, 1, Unit.COUNT));
    }

    @Override
    public void aggregationAbandoned(String batchId, int restarts) {
        emit(batchId, metrics -> metrics.putMetric(AGGREGATIONS_ABANDONED, 1, Unit.COUNT));
    }

    private void emit(String batchId, Consumer<MetricsLogger> metrics) {
        MetricsLogger logger = new MetricsLogger(environment);
        logger.setNamespace(namespace);
        logger.setDimensions(DimensionSet.of("Stack", stack));
        logger.putProperty("batchId", batchId);
        metrics.accept(logger);
        logger.flush();
    }
}
