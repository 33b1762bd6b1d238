package io.invitations.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.SnapStartPriming;
import io.invitations.batch.BatchCodec;
import io.invitations.pipeline.ChunkProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunk messages that exhausted their receives (from the work queue's DLQ) -> their rows recorded Failed,
 * so the batch still finishes with a result for every row. The message stays in the DLQ for inspection
 * and redrive only if recording itself fails.
 */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final System.Logger LOG = System.getLogger(DeadLetterHandler.class.getName());

    private final ChunkProcessor processor;
    @SuppressWarnings("unused") // held: CRaC keeps its hooks only weakly
    private final SnapStartPriming priming;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public DeadLetterHandler() {
        this(AwsPipeline.fromEnvironment());
    }

    public DeadLetterHandler(AwsPipeline pipeline) {
        this(pipeline.chunkProcessor(), SnapStartPriming.register(pipeline::primeWorker));
    }

    /** Around a service built by a test, without priming. */
    public DeadLetterHandler(ChunkProcessor processor) {
        this(processor, SnapStartPriming.none());
    }

    private DeadLetterHandler(ChunkProcessor processor, SnapStartPriming priming) {
        this.processor = processor;
        this.priming = priming;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String receives = message.getAttributes() == null ? null
                    : message.getAttributes().get("ApproximateReceiveCount");
            try {
                processor.giveUp(BatchCodec.decodeChunk(message.getBody()), "not processed after "
                        + (receives == null ? "repeated" : receives) + " attempts; see the worker's logs");
                LOG.log(System.Logger.Level.WARNING, "chunk message {0} given up, its rows marked Failed",
                        message.getMessageId());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "dead-letter message {0} not accounted for: {1}",
                        message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
