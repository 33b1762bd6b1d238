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
 * SQS chunk messages -> invitations and counted row results. A message whose processing fails on
 * infrastructure is reported in {@code batchItemFailures}, so only it is retried; bad rows are results.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final System.Logger LOG = System.getLogger(WorkerHandler.class.getName());

    private final ChunkProcessor processor;
    @SuppressWarnings("unused") // held: CRaC keeps its hooks only weakly
    private final SnapStartPriming priming;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public WorkerHandler() {
        this(AwsPipeline.fromEnvironment());
    }

    public WorkerHandler(AwsPipeline pipeline) {
        this(pipeline.chunkProcessor(), SnapStartPriming.register(pipeline::primeWorker));
    }

    /** Around a service built by a test, without priming. */
    public WorkerHandler(ChunkProcessor processor) {
        this(processor, SnapStartPriming.none());
    }

    private WorkerHandler(ChunkProcessor processor, SnapStartPriming priming) {
        this.processor = processor;
        this.priming = priming;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                processor.process(BatchCodec.decodeChunk(message.getBody()));
            } catch (RuntimeException e) {
                // Never log the body: it carries the batch's token key.
                LOG.log(System.Logger.Level.ERROR, "message {0} failed, to be retried: {1}",
                        message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
