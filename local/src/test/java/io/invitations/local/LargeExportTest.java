package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.aws.AwsClients;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.ResultKeys;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRequest;
import io.invitations.invitation.InvitationType;
import io.invitations.invitation.Tokens;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export of 100,000 invitations streams: it completes in a JVM whose heap is capped at 64 MB. */
class LargeExportTest {
    private static final int INVITATIONS = 100_000;

    @Test
    void exportsOneHundredThousandInvitationsUnderA64MbHeap(@TempDir Path scratch) throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.start(null, StackSettings.template())) {
            String key = new Tokens().newBatchKey();
            Instant now = Instant.now();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> writes = new ArrayList<>();
            for (int from = 0; from < INVITATIONS; from += 5_000) {
                List<Invitation> page = new ArrayList<>();
                for (int i = from; i < from + 5_000; i++) {
                    page.add(Invitation.issue(Tokens.forRow(key, i), new InvitationRequest("Member " + i,
                            InvitationType.READ_ONLY, 30, false, false, true, 1, ""), now, "", ""));
                }
                writes.add(writers.submit(() -> pipeline.pipeline().invitations().createAll(page)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            writers.shutdown();
            S3Event event = new TestBatches(pipeline, scratch).upload("incoming/export/big", "", Map.of());
            pipeline.deliver(event); // registers the export; its aggregation runs in the small JVM below
            String batchId = TestBatches.sourceOf(event).batchId();

            AwsClients.Endpoints endpoints = pipeline.endpoints();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), ExportInSmallHeap.class.getName(),
                    endpoints.s3().toString(), endpoints.dynamo().toString(), endpoints.sqs().toString(), batchId)
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.waitFor(), output);
            System.out.println("100,000-invitation export in a -Xmx64m JVM: " + output.strip());
            assertTrue(output.contains("exported=" + INVITATIONS), output);

            BatchRecord batch = pipeline.pipeline().batches().find(batchId).orElseThrow();
            String results = ResultKeys.forExport(batch.times().started()).results();
            long lines = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(pipeline.clients().s3()
                    .getObject(b -> b.bucket(pipeline.resources().bucket()).key(results)), StandardCharsets.UTF_8))) {
                while (reader.readLine() != null) {
                    lines++;
                }
            }
            assertEquals(INVITATIONS + 1, lines, "header and one line per invitation");
        }
    }
}
