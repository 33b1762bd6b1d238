package io.invitations.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.invitations.aws.lambda.LocalContext;
import io.invitations.aws.lambda.Primed;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.memory.InMemoryPipeline;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker and dead-letter handlers on the sample SQS events, over in-memory stores. */
class WorkerHandlerTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline();

    @Test
    void theSampleChunkIsProcessedOnceEvenWhenDeliveredTwice() {
        SampleBatch.register(pipeline);
        WorkerHandler handler = new WorkerHandler(Primed.unprimed(pipeline.processor));
        SQSEvent event = EventLoader.loadSQSEvent("../../events/sqs-chunk.json");
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        BatchRecord batch = pipeline.batches.find(SampleBatch.ID).orElseThrow();
        assertEquals(3, batch.counts().processed());
        assertEquals(3, batch.counts().succeeded());
        assertEquals(BatchStatus.AGGREGATING, batch.status());
    }

    @Test
    void aChunkOfAnUnknownBatchIsReportedForRetryAndWritesNothing() {
        WorkerHandler handler = new WorkerHandler(Primed.unprimed(pipeline.processor));
        SQSEvent event = EventLoader.loadSQSEvent("../../events/sqs-chunk.json");
        SQSBatchResponse response = handler.handleRequest(event, null);
        assertEquals(List.of(event.getRecords().get(0).getMessageId()),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        int[] stored = {0};
        pipeline.invitations.forEach(i -> stored[0]++);
        assertEquals(0, stored[0]);
    }

    @Test
    void theSampleDeadLetterHasItsRowsRecordedFailed() {
        SampleBatch.register(pipeline);
        DeadLetterHandler handler = new DeadLetterHandler(Primed.unprimed(pipeline.processor));
        SQSEvent event = EventLoader.loadSQSEvent("../../events/sqs-dead-letter.json");
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        BatchRecord batch = pipeline.batches.find(SampleBatch.ID).orElseThrow();
        assertEquals(3, batch.counts().failed());
        assertEquals(BatchStatus.AGGREGATING, batch.status());
    }

    /**
     * A message is not started with less than the chunk reserve left of the invocation: it and the rest are reported
     * for another invocation, as Lambda would otherwise kill this one and bring every message back.
     */
    @Test
    void noMessageIsStartedWhenTheInvocationIsAboutToTimeOut() {
        SampleBatch.register(pipeline);
        WorkerHandler handler = new WorkerHandler(Primed.unprimed(pipeline.processor));
        SQSEvent.SQSMessage sample = EventLoader.loadSQSEvent("../../events/sqs-chunk.json").getRecords().get(0);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(copy(sample, "m1"), copy(sample, "m2"), copy(sample, "m3")));
        // Checked before the second and third messages: time enough for the second, not for the third.
        Iterator<Integer> remaining = List.of(25_000, 15_000).iterator();
        SQSBatchResponse response = handler.handleRequest(event, new LocalContext("worker", remaining::next));
        assertEquals(List.of("m3"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(3, pipeline.batches.find(SampleBatch.ID).orElseThrow().counts().processed(),
                "the first two (the same chunk) were processed, and counted once");
    }

    private static SQSEvent.SQSMessage copy(SQSEvent.SQSMessage message, String id) {
        SQSEvent.SQSMessage copy = new SQSEvent.SQSMessage();
        copy.setMessageId(id);
        copy.setReceiptHandle(message.getReceiptHandle());
        copy.setBody(message.getBody());
        copy.setEventSource(message.getEventSource());
        copy.setAttributes(message.getAttributes());
        return copy;
    }
}
