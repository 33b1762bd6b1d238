package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.csv.ResultsCsvWriter;
import io.invitations.store.BatchStore;
import io.invitations.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a completed batch's outputs: the results CSV, as the batch's type writes it (streamed: chunk by chunk
 * in input order, or for an export page by page), then the summary JSON, the sign that the batch is done.
 * Running it twice writes the same results.
 */
public final class ResultsAggregator {
    private final BatchStore batches;
    private final BatchTypes types;
    private final ObjectStore objects;
    private final Clock clock;

    public ResultsAggregator(BatchStore batches, BatchTypes types, ObjectStore objects, Clock clock) {
        this.batches = batches;
        this.types = types;
        this.objects = objects;
        this.clock = clock;
    }

    public BatchSummary aggregate(String batchId) {
        BatchRecord batch = batches.find(batchId)
                .orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        ResultKeys keys = ResultKeys.of(batch.kind(), batch.source().key(), batch.startedAt());
        if (batch.isFinished()) {
            return BatchSummary.of(batch, keys);
        }
        if (batch.status() != BatchStatus.AGGREGATING) {
            throw new IllegalStateException("batch " + batchId + " is not complete yet");
        }
        String bucket = batch.source().bucket();
        if (!batch.failedAsAWhole()) {
            long written = writeResults(bucket, keys.results(), batch.context());
            if (written != batch.processedRows()) {
                // The type counted its rows as it wrote them (an export): the summary takes the stored counts.
                batch = batches.find(batchId).orElseThrow();
            }
        }
        BatchSummary summary = BatchSummary.of(batch, keys);
        objects.writeSummary(bucket, keys.summary(), summary);
        batches.markFinished(batchId, summary.status(), clock.instant());
        return summary;
    }

    /** The results CSV, streamed: the batch's type gives its header and rows. */
    private long writeResults(String bucket, String key, BatchContext context) {
        BatchType type = types.of(context.kind());
        AtomicLong rows = new AtomicLong();
        objects.write(bucket, key, "text/csv; charset=utf-8", out -> {
            ResultsCsvWriter csv = new ResultsCsvWriter(
                    new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                    type.resultsHeader(context.options()));
            csv.writeHeader();
            rows.set(type.writeResults(context, csv::write));
            csv.flush();
        });
        return rows.get();
    }
}
