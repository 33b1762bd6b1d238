package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DynamoDB throttling and transaction conflicts are retried with backoff: no row fails for them. */
class ThrottlingTest {
    @Test
    void throttledAndConflictingWritesAreRetriedAndNoRowFails(@TempDir Path scratch) throws Exception {
        ThrottlingInjector throttling = new ThrottlingInjector();
        // 30 chunks of 50 rows: about 30 counting transactions, of which a quarter conflict (none: 1 in 5,000).
        try (LocalPipeline pipeline = LocalPipeline.start(null, StackSettings.template().withVisibilityTimeouts(1, 1)
                .withRowsPerChunk(50), Clock.systemUTC(), throttling)) {
            pipeline.startEventSources();
            TestBatches batches = new TestBatches(pipeline, scratch);
            StringBuilder csv = new StringBuilder("Name,Type\n");
            for (int i = 0; i < 1_500; i++) {
                csv.append("Busy ").append(i).append(",ro\n");
            }
            int before = batches.invitationCount();
            S3Event event = batches.upload("incoming/create/throttled.csv", csv.toString(), Map.of());
            throttling.arm(0.25);
            Thread splitter = new Thread(() -> pipeline.deliver(event), "splitter");
            splitter.start();
            splitter.join();
            Finished done = batches.awaitFinished(event, Duration.ofSeconds(120));
            throttling.arm(0);
            System.out.printf("throttling: %d throttled responses and %d transaction conflicts injected%n",
                    throttling.throttles(), throttling.conflicts());
            assertTrue(throttling.throttles() > 10 && throttling.conflicts() > 0, "faults were injected");
            assertEquals(1_500, done.batch().counts().processed());
            assertEquals(1_500, done.batch().counts().succeeded(), "no row failed for throttling");
            assertEquals(1_500, done.rows().size());
            assertEquals(before + 1_500, batches.invitationCount());
        }
    }
}
