package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.pipeline.BatchSplitter;
import io.invitations.local.runtime.LocalSettings;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local runtime does what template.yaml deploys: same batch sizes, concurrency, timeouts, retries. */
class TemplateSettingsTest {
    private static Map<String, Object> resources;
    private static Map<String, Object> parameters;
    private static Map<String, Object> globalFunction;
    private static final LocalSettings LOCAL = LocalSettings.template();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTemplate() throws Exception {
        Path template = Path.of("..", "template.yaml");
        try (Reader reader = Files.newBufferedReader(template)) {
            Map<String, Object> root = CloudFormationYaml.load(reader);
            resources = (Map<String, Object>) root.get("Resources");
            parameters = (Map<String, Object>) root.get("Parameters");
            globalFunction = (Map<String, Object>) ((Map<String, Object>) root.get("Globals")).get("Function");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object property(String resource, String... path) {
        Object node = ((Map<String, Object>) resources.get(resource)).get("Properties");
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    private static int number(Object value) {
        return Integer.parseInt(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static int parameterDefault(String name) {
        return number(((Map<String, Object>) parameters.get(name)).get("Default"));
    }

    @Test
    void workerMatches() {
        assertEquals(LOCAL.workerTimeoutSeconds(), number(property("WorkerFunction", "Timeout")));
        assertEquals(LOCAL.workerBatchSize(), number(property("WorkerEventSource", "BatchSize")));
        assertEquals(LOCAL.workerConcurrency(), parameterDefault("WorkerConcurrency"));
        assertEquals(Map.of("Ref", "WorkerConcurrency"),
                property("WorkerEventSource", "ScalingConfig", "MaximumConcurrency"),
                "the poller never invokes more workers than WorkerConcurrency");
        assertEquals(List.of("ReportBatchItemFailures"), property("WorkerEventSource", "FunctionResponseTypes"));
    }

    @Test
    void chunkQueueMatches() {
        int visibility = number(property("ChunkQueue", "VisibilityTimeout"));
        assertEquals(LOCAL.chunkVisibilityTimeoutSeconds(), visibility);
        assertTrue(visibility >= 6 * LOCAL.workerTimeoutSeconds(), "visibility timeout at least 6x the worker's");
        int maxReceive = number(property("ChunkQueue", "RedrivePolicy", "maxReceiveCount"));
        assertEquals(LOCAL.chunkMaxReceiveCount(), maxReceive);
        assertTrue(maxReceive > 1);
    }

    @Test
    void aggregatorAndCompletionQueueMatch() {
        assertEquals(LOCAL.aggregatorTimeoutSeconds(), number(property("AggregatorFunction", "Timeout")));
        assertEquals(LOCAL.aggregatorBatchSize(), number(property("AggregatorEventSource", "BatchSize")));
        int visibility = number(property("CompletionQueue", "VisibilityTimeout"));
        assertEquals(LOCAL.completionVisibilityTimeoutSeconds(), visibility);
        assertTrue(visibility >= 6 * LOCAL.aggregatorTimeoutSeconds());
        assertEquals(LOCAL.completionMaxReceiveCount(),
                number(property("CompletionQueue", "RedrivePolicy", "maxReceiveCount")));
        assertEquals(true, property("CompletionQueue", "FifoQueue"));
    }

    @Test
    void stalledBatchBoundMatchesAndOutlastsEveryRetry() {
        assertEquals(LOCAL.stalledAfterMinutes(), parameterDefault("StalledBatchMinutes"));
        assertEquals(io.invitations.aws.PipelineConfig.DEFAULT_STALLED_AFTER_MINUTES, parameterDefault("StalledBatchMinutes"));
        int retryBudgetSeconds = LOCAL.chunkMaxReceiveCount() * LOCAL.chunkVisibilityTimeoutSeconds()
                + number(property("SplitterFunction", "Timeout"));
        assertTrue(parameterDefault("StalledBatchMinutes") * 60 > retryBudgetSeconds);
    }

    @Test
    void chunkingMatches() {
        assertEquals(LOCAL.rowsPerChunk(), parameterDefault("RowsPerChunk"));
        assertEquals(BatchSplitter.ChunkLimits.defaults().rowsPerChunk(), parameterDefault("RowsPerChunk"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runtimeIsCurrent() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("..", "template.yaml"))) {
            Map<String, Object> root = CloudFormationYaml.load(reader);
            Map<String, Object> function = (Map<String, Object>) ((Map<String, Object>) root.get("Globals")).get("Function");
            assertEquals("java21", function.get("Runtime"));
        }
    }

    @Test
    void functionsRestoreSnapStartSnapshotsAndTriggersInvokeThePublishedAlias() {
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), globalFunction.get("SnapStart"));
        assertEquals("live", globalFunction.get("AutoPublishAlias"));
        for (String mapping : List.of("WorkerEventSource", "DeadLetterEventSource", "AggregatorEventSource")) {
            Object function = property(mapping, "FunctionName");
            assertTrue(String.valueOf(function).endsWith("Function.Alias}"), mapping + " invokes " + function);
        }
    }
}
