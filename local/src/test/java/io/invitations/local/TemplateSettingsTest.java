package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.PipelineConfig;
import io.invitations.stack.StackSettings;
import io.invitations.stack.Template;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.pipeline.BatchSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime takes its settings from template.yaml (nothing retyped): a template with other values gives
 * other settings; and the template's values keep the retry arithmetic the design relies on.
 */
class TemplateSettingsTest {
    private static final Template TEMPLATE = Template.read(Path.of("..", "template.yaml"));
    private static final StackSettings LOCAL = StackSettings.fromTemplate(TEMPLATE);

    @Test
    void everySettingIsReadFromTheTemplate(@TempDir Path dir) throws Exception {
        String original = Files.readString(Path.of("..", "template.yaml"));
        String changed = original
                .replace("      BatchSize: 10\n", "      BatchSize: 7\n")
                .replace("      Timeout: 60\n", "      Timeout: 45\n")
                .replace("      VisibilityTimeout: 360\n", "      VisibilityTimeout: 270\n")
                .replace("        maxReceiveCount: 5\n", "        maxReceiveCount: 4\n")
                .replace("      BatchSize: 1\n", "      BatchSize: 2\n")
                .replace("      Timeout: 300\n", "      Timeout: 240\n")
                .replace("      VisibilityTimeout: 1800\n", "      VisibilityTimeout: 1500\n")
                .replace("        MaximumRetryAttempts: 2\n", "        MaximumRetryAttempts: 1\n")
                .replace("    Default: 5\n", "    Default: 9\n")
                .replace("    Default: 250\n", "    Default: 400\n")
                .replace("    Default: 60\n", "    Default: 90\n")
                .replace("    Default: 7\n", "    Default: 3\n");
        Path file = Files.writeString(dir.resolve("template.yaml"), changed);
        StackSettings read = StackSettings.fromTemplate(Template.read(file));
        // both event sources' BatchSize: 10 (the worker's and the dead-letter function's) become 7
        assertEquals(new StackSettings(7, 9, 45, 270, 4, 2, 240, 1500, 4, 1, 400, 90, LOCAL.maxRows(), 3, 7), read);
        assertEquals(new StackSettings(10, 5, 60, 360, 5, 1, 300, 1800, 5, 2, 250, 60, LOCAL.maxRows(), 7, 10), LOCAL,
                "the deployed defaults, read from the checkout's template");
    }

    /** The in-memory pipeline (the fast tests' and the simulator's world) reads the same template. */
    @Test
    void theInMemoryPipelineHasTheTemplatesSettings() {
        assertEquals(LOCAL, InMemoryPipeline.SETTINGS);
        assertEquals(LOCAL.workerTimeoutSeconds(), InMemoryPipeline.WORKER_TIMEOUT.toSeconds());
        assertEquals(LOCAL.chunkVisibilityTimeoutSeconds(), InMemoryPipeline.CHUNK_VISIBILITY.toSeconds());
    }

    @Test
    void theWorkersPollerIsCappedAndReportsItemFailures() {
        assertEquals(Map.of("Ref", "WorkerConcurrency"),
                TEMPLATE.property("WorkerEventSource", "ScalingConfig", "MaximumConcurrency"),
                "the poller never invokes more workers than WorkerConcurrency");
        for (String mapping : List.of("WorkerEventSource", "DeadLetterEventSource", "AggregatorEventSource")) {
            assertEquals(List.of("ReportBatchItemFailures"), TEMPLATE.property(mapping, "FunctionResponseTypes"));
        }
    }

    @Test
    void visibilityTimeoutsOutlastTheirConsumers() {
        assertTrue(LOCAL.chunkVisibilityTimeoutSeconds() >= 6 * LOCAL.workerTimeoutSeconds());
        assertTrue(LOCAL.completionVisibilityTimeoutSeconds() >= 6 * LOCAL.aggregatorTimeoutSeconds());
        assertTrue(LOCAL.chunkMaxReceiveCount() > 1);
        assertEquals(true, TEMPLATE.property("CompletionQueue", "FifoQueue"));
    }

    @Test
    void theStalledBatchBoundOutlastsEveryRetryAndMatchesTheFunctionsDefault() {
        assertEquals(PipelineConfig.DEFAULT_STALLED_AFTER_MINUTES, LOCAL.stalledAfterMinutes());
        int retryBudgetSeconds = LOCAL.chunkMaxReceiveCount() * LOCAL.chunkVisibilityTimeoutSeconds()
                + TEMPLATE.number("SplitterFunction", "Timeout");
        assertTrue(LOCAL.stalledAfterMinutes() * 60 > retryBudgetSeconds);
        assertEquals(BatchSplitter.ChunkLimits.defaults().rowsPerChunk(), LOCAL.rowsPerChunk());
    }

    @Test
    void functionsRunOnACurrentRuntimeRestoreSnapshotsAndTriggersInvokeThePublishedAlias() {
        Map<String, Object> global = Template.map(Template.map(TEMPLATE.root().get("Globals")).get("Function"));
        assertEquals("java21", global.get("Runtime"));
        // Where the region offers it (RegionsAndUpdatesTemplateTest resolves the condition region by region).
        assertEquals(Map.of("Fn::If", List.of("SnapStartOffered", Map.of("ApplyOn", "PublishedVersions"),
                Map.of("Ref", "AWS::NoValue"))), global.get("SnapStart"));
        assertEquals("live", global.get("AutoPublishAlias"));
        for (String mapping : List.of("WorkerEventSource", "DeadLetterEventSource", "AggregatorEventSource")) {
            Object function = TEMPLATE.property(mapping, "FunctionName");
            assertTrue(String.valueOf(function).endsWith("Function.Alias}"), mapping + " invokes " + function);
        }
    }
}
