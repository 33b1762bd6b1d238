package io.invitations.aggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.SnapStartPriming;
import io.invitations.batch.BatchSummary;
import io.invitations.pipeline.ResultsAggregator;
import java.util.ArrayList;
import java.util.List;

/** Completion messages (body: a batch id) -> the batch's results CSV and summary JSON in S3. */
public final class AggregatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final System.Logger LOG = System.getLogger(AggregatorHandler.class.getName());

    private final ResultsAggregator aggregator;
    @SuppressWarnings("unused") // held: CRaC keeps its hooks only weakly
    private final SnapStartPriming priming;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public AggregatorHandler() {
        this(AwsPipeline.fromEnvironment());
    }

    public AggregatorHandler(AwsPipeline pipeline) {
        this(pipeline.aggregator(), SnapStartPriming.register(pipeline::primeAggregator));
    }

    /** Around a service built by a test, without priming. */
    public AggregatorHandler(ResultsAggregator aggregator) {
        this(aggregator, SnapStartPriming.none());
    }

    private AggregatorHandler(ResultsAggregator aggregator, SnapStartPriming priming) {
        this.aggregator = aggregator;
        this.priming = priming;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String batchId = message.getBody().strip();
            try {
                BatchSummary summary = aggregator.aggregate(batchId);
                LOG.log(System.Logger.Level.INFO, "batch {0} {1}: {2} rows, {3} failed", batchId,
                        summary.status(), summary.total(), summary.failed());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "aggregating batch {0} failed, to be retried: {1}",
                        batchId, e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
