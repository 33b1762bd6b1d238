package io.invitations.aggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.invitations.aws.lambda.Primed;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aggregator and sweeper handlers on the sample events, over in-memory stores. */
class AggregatorHandlersTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline();

    @Test
    void aCompletionNoticeWritesTheBatchsOutputsAndAnUnknownBatchIsReportedForRetry() {
        AggregatorHandler handler = new AggregatorHandler(Primed.unprimed(pipeline.aggregator));
        SQSEvent sample = EventLoader.loadSQSEvent("../../events/sqs-completion.json");
        SQSBatchResponse unknown = handler.handleRequest(sample, null);
        assertEquals(List.of(sample.getRecords().get(0).getMessageId()), unknown.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());

        SourceObject upload = pipeline.upload("incoming/create/team.csv",
                "Name,Type\nAnn,read_only\nBob,root\n", Map.of());
        pipeline.split(upload);
        pipeline.runWorker();
        sample.getRecords().get(0).setBody(upload.batchId());
        assertEquals(List.of(), handler.handleRequest(sample, null).getBatchItemFailures());
        InMemoryPipeline.Finished done = pipeline.finished(upload).orElseThrow();
        assertEquals(BatchStatus.COMPLETED, done.summary().status());
        assertEquals(1, done.summary().failed());
        assertTrue(done.results().orElseThrow().contains("\"Bob\""));
    }

    @Test
    void theScheduledSweepFinishesAStalledBatch() {
        SweeperHandler handler = new SweeperHandler(Primed.unprimed(pipeline.sweeper));
        ScheduledEvent event = EventLoader.loadScheduledEvent("../../events/scheduled-sweep.json");
        assertEquals(0, handler.handleRequest(event, null));

        SourceObject upload = pipeline.upload("incoming/create/lost.csv", "Name,Type\nAnn,read_only\n", Map.of());
        pipeline.split(upload);
        pipeline.chunks.queue().delete(pipeline.chunks.queue().receive(1).get(0));
        pipeline.clock.advance(InMemoryPipeline.STALLED_AFTER.plusMinutes(5));
        assertEquals(1, handler.handleRequest(event, null));
        pipeline.settle();
        assertEquals(1, pipeline.finished(upload).orElseThrow().summary().failed());
    }
}
