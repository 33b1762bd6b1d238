package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.S3Notifications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real-shaped events under events/ drive the real handlers, parsed by the Lambda runtime's serializer. */
@ExtendWith(SharedPipeline.class)
class SampleEventsTest {
    private static String event(String name) throws Exception {
        return Files.readString(Path.of("..", "events", name));
    }

    @Test
    void s3EventWithAnEncodedKeyStartsTheBatchOfThatObject(LocalPipeline pipeline, @TempDir Path scratch)
            throws Exception {
        TestBatches batches = new TestBatches(pipeline, scratch);
        // The object the sample event names, with the content whose ETag the event carries.
        batches.upload("incoming/create/Class of 2026/students.csv", TestBatches.sample("students.csv"), Map.of());
        S3Event event = S3Notifications.parse(event("s3-object-created-create.json"));
        assertEquals(List.of("QUEUED incoming/create/Class of 2026/students.csv"), pipeline.deliver(event));
        Finished done = batches.awaitFinished(event, Duration.ofSeconds(60));
        assertEquals(3, done.batch().counts().succeeded());
        assertTrue(batches.read("results/create/Class of 2026/students-results.csv").isPresent());
    }

    @Test
    void completionForAnUnknownBatchIsReportedForRetryNotThrown(LocalPipeline pipeline) throws Exception {
        SQSEvent event = LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader())
                .fromJson(event("sqs-completion.json"));
        var response = pipeline.aggregator().handleRequest(event, null);
        assertEquals("0f8e6c3a-1b2d-4e5f-8a9b-0c1d2e3f4a5b",
                response.getBatchItemFailures().get(0).getItemIdentifier());
    }
}
