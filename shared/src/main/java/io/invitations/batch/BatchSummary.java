package io.invitations.batch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.invitations.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The summary JSON written beside the results: what an admin or a script checks first. */
public record BatchSummary(String batchId, String source, BatchStatus status, long total, long succeeded,
                           long failed, Instant startedAt, Instant finishedAt, String results, String error) {

    /** The summary of a batch whose outputs go to {@code keys}: COMPLETED, or FAILED when it failed as a whole. */
    public static BatchSummary of(BatchRecord batch, ResultKeys keys) {
        return new BatchSummary(batch.batchId(), batch.source().uri(), batch.outcome(), batch.totalRows(),
                batch.succeededRows(), batch.failedRows(), batch.startedAt(), batch.completedAt(),
                batch.failedAsAWhole() ? null : keys.results(), batch.error());
    }

    /** Reads a summary JSON, as {@link #toJson()} writes it. */
    public static BatchSummary fromJson(String json) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = Json.parser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a batch summary is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, parser.getValueAsString());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a batch summary: " + e.getMessage());
        }
        return new BatchSummary(fields.get("batchId"), fields.get("source"), BatchStatus.valueOf(fields.get("status")),
                count(fields, "total"), count(fields, "succeeded"), count(fields, "failed"),
                instant(fields.get("startedAt")), instant(fields.get("finishedAt")), fields.get("results"),
                fields.get("error"));
    }

    private static long count(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    public String toJson() {
        return Json.write(g -> {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("batchId", batchId);
            g.writeStringField("source", source);
            g.writeStringField("status", status.name());
            g.writeNumberField("total", total);
            g.writeNumberField("succeeded", succeeded);
            g.writeNumberField("failed", failed);
            g.writeStringField("startedAt", startedAt == null ? null : startedAt.toString());
            g.writeStringField("finishedAt", finishedAt == null ? null : finishedAt.toString());
            if (results != null) {
                g.writeStringField("results", results);
            }
            if (error != null) {
                g.writeStringField("error", error);
            }
            g.writeEndObject();
        }) + "\n";
    }
}
