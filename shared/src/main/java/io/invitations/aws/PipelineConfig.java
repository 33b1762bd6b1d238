package io.invitations.aws;

import io.invitations.pipeline.PipelineServices;
import io.invitations.pipeline.BatchSplitter.ChunkLimits;
import java.time.Duration;
import java.util.Map;

/**
 * Resource names and tuning, from the environment variables the template sets
 * (the local runtime builds the same record for its embedded resources).
 */
public record PipelineConfig(String batchesTable, String invitationsTable, String registryTable,
                             String profilesTable, String chunkQueueUrl, String completionQueueUrl,
                             ChunkLimits chunkLimits, Duration stalledAfter, Duration repeatWindow) {
    public static final String BATCHES_TABLE = "BATCHES_TABLE";
    public static final String INVITATIONS_TABLE = "INVITATIONS_TABLE";
    public static final String REGISTRY_TABLE = "DEVICE_REGISTRY_TABLE";
    public static final String PROFILES_TABLE = "PROFILES_TABLE";
    public static final String CHUNK_QUEUE_URL = "CHUNK_QUEUE_URL";
    public static final String COMPLETION_QUEUE_URL = "COMPLETION_QUEUE_URL";
    public static final String ROWS_PER_CHUNK = "ROWS_PER_CHUNK";
    public static final String STALLED_AFTER_MINUTES = "STALLED_AFTER_MINUTES";
    public static final String REPEAT_WINDOW_DAYS = "REPEAT_WINDOW_DAYS";
    /** Longer than a chunk's whole retry budget (5 receives x 6 minutes) plus a splitter's 15 minutes. */
    public static final int DEFAULT_STALLED_AFTER_MINUTES = 60;
    /** The template's RepeatWindowDays: how long an upload of the same file is a repeat, not a new batch. */
    public static final int DEFAULT_REPEAT_WINDOW_DAYS = 7;

    public static PipelineConfig fromEnvironment(Map<String, String> env) {
        int rowsPerChunk = Integer.parseInt(env.getOrDefault(ROWS_PER_CHUNK,
                String.valueOf(ChunkLimits.defaults().rowsPerChunk())));
        return new PipelineConfig(required(env, BATCHES_TABLE), required(env, INVITATIONS_TABLE),
                required(env, REGISTRY_TABLE), required(env, PROFILES_TABLE), env.getOrDefault(CHUNK_QUEUE_URL, ""),
                env.getOrDefault(COMPLETION_QUEUE_URL, ""),
                ChunkLimits.withRowsPerChunk(rowsPerChunk), Duration.ofMinutes(Integer.parseInt(
                        env.getOrDefault(STALLED_AFTER_MINUTES, String.valueOf(DEFAULT_STALLED_AFTER_MINUTES)))),
                Duration.ofDays(Integer.parseInt(env.getOrDefault(REPEAT_WINDOW_DAYS,
                        String.valueOf(DEFAULT_REPEAT_WINDOW_DAYS)))));
    }

    /** The environment variables that {@link #fromEnvironment} reads back as this configuration. */
    /** The settings the domain services apply. */
    public PipelineServices.Settings settings() {
        return new PipelineServices.Settings(chunkLimits, repeatWindow, stalledAfter);
    }

    public Map<String, String> toEnvironment() {
        return Map.of(BATCHES_TABLE, batchesTable, INVITATIONS_TABLE, invitationsTable, REGISTRY_TABLE, registryTable,
                PROFILES_TABLE, profilesTable, CHUNK_QUEUE_URL, chunkQueueUrl, COMPLETION_QUEUE_URL, completionQueueUrl,
                ROWS_PER_CHUNK, String.valueOf(chunkLimits.rowsPerChunk()),
                STALLED_AFTER_MINUTES, String.valueOf(stalledAfter.toMinutes()),
                REPEAT_WINDOW_DAYS, String.valueOf(repeatWindow.toDays()));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
