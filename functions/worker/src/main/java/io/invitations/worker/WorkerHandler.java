package io.invitations.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.ChunkMessageBody;
import io.invitations.aws.lambda.PartialBatch;
import io.invitations.aws.lambda.Primed;
import io.invitations.pipeline.ChunkProcessor;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * SQS chunk messages -> invitations and counted row results. A message whose processing fails on
 * infrastructure is reported in {@code batchItemFailures}, so only it is retried; bad rows are results.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Primed<ChunkProcessor> processor;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public WorkerHandler() {
        this(AwsPipeline.fromEnvironment().workerFunction());
    }

    public WorkerHandler(Primed<ChunkProcessor> processor) {
        this.processor = processor;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> PartialBatch.eachMessage(event, context,
                ChunkProcessor.LONGEST_CHUNK,
                message -> processor.service().process(ChunkMessageBody.decode(message.getBody()))));
    }
}
