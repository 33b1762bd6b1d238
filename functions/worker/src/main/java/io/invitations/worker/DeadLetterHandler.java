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
 * Chunk messages that exhausted their receives (from the work queue's DLQ) -> their rows recorded Failed,
 * so the batch still finishes with a result for every row. The message stays in the DLQ for inspection
 * and redrive only if recording itself fails.
 */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Primed<ChunkProcessor> processor;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public DeadLetterHandler() {
        this(AwsPipeline.fromEnvironment().workerFunction());
    }

    public DeadLetterHandler(Primed<ChunkProcessor> processor) {
        this.processor = processor;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> PartialBatch.eachMessage(event, context,
                ChunkProcessor.LONGEST_CHUNK, message ->
                processor.service().deadLettered(ChunkMessageBody.decode(message.getBody()),
                        message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount"))));
    }
}
