package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitations.aws.EmfMetrics;
import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.operations.LocalLogs;
import io.invitations.local.operations.LocalOperations;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import io.invitations.observe.BatchFinished;
import io.invitations.observe.LogScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operations see of a run through the real handlers on the embedded servers, kept in the data directory as
 * the stack would send it to CloudWatch and EventBridge: every log line is JSON with the Lambda context and the
 * batch's keys; the embedded-format metrics add up to each batch's summary; each finished batch (completed or
 * rejected) publishes exactly one completion event with the summary's counts; and a create batch's results file,
 * dropped under incoming/revoke/, undoes the batch.
 */
class OperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void logsMetricsAndCompletionEventsTellEachBatchsStory(@TempDir Path dataDir, @TempDir Path scratch)
            throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        List<Finished> runs = new ArrayList<>();
        Finished created;
        Finished undone;
        try (LocalPipeline pipeline = LocalPipeline.start(dataDir, StackSettings.template().withRowsPerChunk(2))) {
            pipeline.operations().onCompletion(heard::add);
            pipeline.startEventSources();
            TestBatches batches = new TestBatches(pipeline, scratch);
            created = batches.run("incoming/create/ops/class.csv", "Name,Type,MaxDevices\nA,ro,1\nB,wrong,1\n"
                    + "C,rw,2\nD,ro,0\nE,ro,1\n");
            runs.add(created);
            runs.add(batches.run("incoming/create/ops/no-type.csv", "Name,Kind\nA,ro\n"));
            runs.add(batches.run("incoming/export/ops", ""));
            // The results file of the create batch, as downloaded, dropped under incoming/revoke/.
            String results = batches.read(ResultKeys.of(BatchKind.CREATE, created.batch().source().key(),
                    created.batch().times().started()).results()).orElseThrow();
            undone = batches.run("incoming/revoke/ops/class-results.csv", results);
            runs.add(undone);
            for (String[] row : created.rows()) {
                if (!row[2].isEmpty()) {
                    assertTrue(pipeline.pipeline().invitations().find(row[2]).orElseThrow().revoked(),
                            "revoked by its results file: " + row[0]);
                }
            }
        }

        assertEquals(3, created.rows().stream().filter(r -> !r[2].isEmpty()).count());
        // Token, Name, Devices Removed, Status, Error
        assertEquals(3, undone.rows().stream().filter(r -> r[3].equals("Success")).count(),
                "each created invitation revoked once");
        assertEquals(2, undone.rows().stream().filter(r -> r[3].equals("Failed") && r[4].startsWith("line ")).count(),
                "the rows that were never created fail alone, naming their line");

        // One completion event per batch, as EventBridge delivers it, with the summary's counts.
        List<JsonNode> events = lines(dataDir.resolve(LocalOperations.EVENTS_FILE));
        assertEquals(runs.size(), events.size(), events::toString);
        assertEquals(runs.size(), heard.size(), "serve's listener heard each event");
        Map<String, JsonNode> eventOf = new HashMap<>();
        for (JsonNode event : events) {
            assertEquals("io.invitations", event.get("source").asText());
            assertEquals("Invitation Batch Finished", event.get("detail-type").asText());
            eventOf.put(event.get("detail").get("batchId").asText(), event.get("detail"));
        }
        for (Finished run : runs) {
            BatchSummary summary = SummaryJson.read(run.summaryJson());
            JsonNode detail = eventOf.get(summary.batchId());
            assertNotNull(detail, "an event for " + summary.source());
            assertEquals(summary.total(), detail.get("total").asLong());
            assertEquals(summary.succeeded(), detail.get("succeeded").asLong());
            assertEquals(summary.failed(), detail.get("failed").asLong());
            assertEquals(run.batch().source().key(), detail.get("key").asText());
        }
        assertEquals("COMPLETED", eventOf.get(created.batch().batchId()).get("status").asText());
        JsonNode rejected = eventOf.get(runs.get(1).batch().batchId());
        assertEquals("REJECTED", rejected.get("status").asText());
        assertTrue(rejected.get("error").asText().contains("Type"), rejected.toString());
        assertTrue(rejected.get("results").isNull(), "a rejected batch has no results file");

        // Metrics: per batch, the chunks' rows add up to the total and the outcome's counts to the summary.
        Map<String, Map<String, Double>> metrics = new HashMap<>();
        int timedChunks = 0;
        for (JsonNode line : lines(dataDir.resolve(LocalOperations.METRICS_FILE))) {
            if (line.get("batchId").asText().equals(created.batch().batchId())
                    && line.has(EmfMetrics.CHUNK_PROCESSING_TIME)) {
                timedChunks++;
            }
            assertEquals("Invitations", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
            assertEquals("Stack", line.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText());
            Map<String, Double> sums = metrics.computeIfAbsent(line.get("batchId").asText(), id -> new HashMap<>());
            line.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(metric -> sums.merge(metric.get("Name").asText(),
                    line.get(metric.get("Name").asText()).asDouble(), Double::sum));
        }
        for (Finished run : runs) {
            BatchSummary summary = SummaryJson.read(run.summaryJson());
            Map<String, Double> sums = metrics.get(summary.batchId());
            assertEquals(summary.succeeded(), sums.get(EmfMetrics.ROWS_SUCCEEDED).longValue(), summary.source());
            assertEquals(summary.failed(), sums.get(EmfMetrics.ROWS_FAILED).longValue(), summary.source());
            if (run.batch().kind().columns().isPresent()) {
                assertEquals(summary.total(), sums.getOrDefault(EmfMetrics.ROWS_PROCESSED, 0.0).longValue(),
                        "the chunks' rows of " + summary.source());
            }
            String outcome = eventOf.get(summary.batchId()).get("status").asText();
            assertEquals(1.0, sums.get(EmfMetrics.batchesMetric(BatchFinished.Outcome.valueOf(outcome))));
        }
        assertEquals(3, timedChunks, "three chunks of at most two rows, each timed");

        // Logs: JSON lines with the Lambda context; the worker's carry the batch, its kind and the chunk.
        List<JsonNode> logs = lines(dataDir.resolve(LocalLogs.FILE));
        assertTrue(logs.size() >= 8, "logged: " + logs.size());
        for (JsonNode line : logs) {
            for (String key : List.of("level", "message", "timestamp", "function_name", "function_request_id")) {
                assertTrue(line.hasNonNull(key), key + " in " + line);
            }
        }
        List<JsonNode> counted = logs.stream().filter(l -> l.get("message").asText().startsWith("chunk counted"))
                .filter(l -> l.get(LogScope.BATCH_ID).asText().equals(created.batch().batchId())).toList();
        assertEquals(3, counted.size(), counted::toString);
        for (JsonNode line : counted) {
            assertEquals("worker", line.get("function_name").asText());
            assertEquals("create", line.get(LogScope.KIND).asText());
            assertTrue(line.get(LogScope.CHUNK_INDEX).asText().matches("[0-2]"), line.toString());
        }
        assertTrue(logs.stream().anyMatch(l -> l.get("level").asText().equals("WARN")
                && l.get("function_name").asText().equals("splitter")
                && l.get("message").asText().contains("rejected")), "the rejection is logged as a warning");
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            assertFalse(line.isBlank());
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }
}
