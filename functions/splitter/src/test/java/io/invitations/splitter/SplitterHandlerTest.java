package io.invitations.splitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.invitations.aws.lambda.Primed;
import io.invitations.memory.InMemoryPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The splitter handler on the sample S3 event, read by the Lambda runtime's serializer, over in-memory stores. */
class SplitterHandlerTest {
    private final InMemoryPipeline pipeline = new InMemoryPipeline();
    private final SplitterHandler handler = new SplitterHandler(Primed.unprimed(pipeline.splitter));

    @Test
    void theSampleEventStartsTheBatchOfTheUploadItNamesItsKeyDecoded() throws Exception {
        S3Event event = EventLoader.loadS3Event("../../events/s3-object-created-create.json");
        // The upload the event names: its ETag is that of this content.
        pipeline.objects.put("invitations-local", "incoming/create/Class of 2026/students.csv",
                Files.readAllBytes(Path.of("../../samples/students.csv")), Map.of());

        assertEquals(List.of("QUEUED incoming/create/Class of 2026/students.csv"), handler.handleRequest(event, null));
        assertEquals(List.of("DUPLICATE incoming/create/Class of 2026/students.csv"),
                handler.handleRequest(event, null), "S3 delivers an event twice: one batch");
        pipeline.settle();
        assertEquals(3, pipeline.batches.find(SplitterHandler.sourceOf(event.getRecords().get(0)).batchId())
                .orElseThrow().counts().succeeded());
    }

    @Test
    void anEventForAnUploadThatIsGoneRejectsItsBatch() {
        S3Event event = EventLoader.loadS3Event("../../events/s3-object-created-create.json");
        assertEquals(List.of("REJECTED incoming/create/Class of 2026/students.csv"), handler.handleRequest(event, null));
    }
}
