package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.csv.ResultsCsvWriter;
import io.invitations.observe.BatchFinished;
import io.invitations.observe.LogScope;
import io.invitations.observe.PipelineObserver;
import io.invitations.store.BatchStore;
import io.invitations.store.ObjectStore;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a completed batch's outputs: the results CSV, as the batch's type writes it (streamed: chunk by chunk
 * in input order, or for an export page by page), then the summary JSON, the sign that the batch is done.
 * Running it twice writes the same results.
 *
 * <p>The batch's end is reported to the observer (a completion event, metrics) after the summary is written and
 * before the batch is marked finished: a crash in between reports it again on the retry, so that a completion
 * event is delivered at least once; a completion notice for a batch marked finished reports nothing.
 *
 * <p>Once a batch is finished, the batches that repeat its file and wait for it are started (again on a repeated
 * notice, in case the aggregator died in between). A repeat's results are written from its original's context:
 * the same rows and tokens, under the repeat's own keys.
 */
public final class ResultsAggregator {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsAggregator.class);

    private final BatchStore batches;
    private final KindBehaviours types;
    private final ObjectStore objects;
    private final PipelineObserver observer;
    private final BatchCompletion completion;
    private final Clock clock;

    public ResultsAggregator(BatchStore batches, KindBehaviours types, ObjectStore objects, PipelineObserver observer,
                             BatchCompletion completion, Clock clock) {
        this.batches = batches;
        this.types = types;
        this.objects = objects;
        this.observer = observer;
        this.completion = completion;
        this.clock = clock;
    }

    public BatchSummary aggregate(String batchId) {
        try (LogScope scope = LogScope.batch(batchId)) {
            BatchRecord batch = batches.find(batchId)
                    .orElseThrow(() -> new IllegalStateException("no batch " + batchId));
            scope.kind(batch.kind());
            return aggregate(batch);
        }
    }

    private BatchSummary aggregate(BatchRecord batch) {
        String batchId = batch.batchId();
        ResultKeys keys = ResultKeys.of(batch.kind(), batch.source().key(), batch.times().started());
        if (batch.isFinished()) {
            LOG.info("batch finished already ({}): a repeated completion notice, nothing to do", batch.status());
            completion.startRepeats(batch);
            return BatchSummary.of(batch, keys);
        }
        if (batch.status() != BatchStatus.AGGREGATING) {
            throw new IllegalStateException("batch " + batchId + " is not complete yet");
        }
        String bucket = batch.source().bucket();
        if (!batch.failedAsAWhole()) {
            long written = writeResults(bucket, keys.results(), batch.context());
            if (written != batch.counts().processed()) {
                // The type counted its rows as it wrote them (an export): the summary takes the stored counts.
                batch = batches.find(batchId).orElseThrow();
            }
        }
        BatchSummary summary = BatchSummary.of(batch, keys);
        objects.writeSummary(bucket, keys.summary(), summary);
        BatchFinished finished = new BatchFinished(summary, batch.kind(), BatchFinished.Outcome.of(batch),
                batch.source(), keys.summary(), Duration.between(batch.times().started(), clock.instant()));
        if (summary.error() == null) {
            LOG.info("batch {}: {} rows, {} succeeded, {} failed; summary {}", finished.outcome(), summary.total(),
                    summary.succeeded(), summary.failed(), keys.summary());
        } else {
            LOG.warn("batch {}: {}; summary {}", finished.outcome(), summary.error(), keys.summary());
        }
        observer.batchFinished(finished);
        batches.markFinished(batchId, summary.status(), clock.instant());
        completion.startRepeats(batches.find(batchId).orElseThrow());
        return summary;
    }

    /** The results CSV, streamed: the batch's type gives its header and rows. */
    private long writeResults(String bucket, String key, BatchContext context) {
        KindBehaviour type = types.of(context.kind());
        AtomicLong rows = new AtomicLong();
        objects.write(bucket, key, "text/csv; charset=utf-8", out -> {
            ResultsCsvWriter csv = new ResultsCsvWriter(
                    new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                    type.resultsHeader(context));
            csv.writeHeader();
            rows.set(type.writeResults(context, csv::write));
            csv.flush();
        });
        return rows.get();
    }
}
