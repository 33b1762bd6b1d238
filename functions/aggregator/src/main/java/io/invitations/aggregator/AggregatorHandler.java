package io.invitations.aggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.lambda.PartialBatch;
import io.invitations.aws.lambda.Primed;
import io.invitations.pipeline.ResultsAggregator;
import java.time.Duration;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Completion messages (body: a batch id) -> the batch's results CSV and summary JSON in S3. */
public final class AggregatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Primed<ResultsAggregator> aggregator;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public AggregatorHandler() {
        this(AwsPipeline.fromEnvironment().aggregatorFunction());
    }

    public AggregatorHandler(Primed<ResultsAggregator> aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // One message an invocation (the event source's BatchSize is 1): the first is always taken.
        return PowertoolsLogging.withLogging(context, () -> PartialBatch.eachMessage(event, context, Duration.ZERO,
                message -> aggregator.service().aggregate(message.getBody().strip())));
    }
}
