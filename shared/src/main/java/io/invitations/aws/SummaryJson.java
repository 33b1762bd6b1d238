package io.invitations.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The summary file ({@code results/<kind>/<name>-summary.json}), the one place its format is written down. */
public final class SummaryJson {
    private SummaryJson() {
    }

    /** Reads a summary file, as {@link #write} writes it. */
    public static BatchSummary read(String json) {
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
                fields.get("error"), fields.get("repeats"));
    }

    private static long count(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** The summary file: pretty-printed JSON, its fields as {@link #writeFields} writes them. */
    public static String write(BatchSummary summary) {
        return Json.write(g -> {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            writeFields(g, summary);
            g.writeEndObject();
        }) + "\n";
    }

    /**
     * A summary's fields, the one way they are rendered (the summary file, a command's JSON, status's JSON): a
     * missing time written as null, missing results, error and repeats left out.
     */
    public static void writeFields(JsonGenerator g, BatchSummary summary) throws IOException {
        g.writeStringField("batchId", summary.batchId());
        g.writeStringField("source", summary.source());
        g.writeStringField("status", summary.status().name());
        g.writeNumberField("total", summary.total());
        g.writeNumberField("succeeded", summary.succeeded());
        g.writeNumberField("failed", summary.failed());
        g.writeStringField("startedAt", summary.startedAt() == null ? null : summary.startedAt().toString());
        g.writeStringField("finishedAt", summary.finishedAt() == null ? null : summary.finishedAt().toString());
        if (summary.results() != null) {
            g.writeStringField("results", summary.results());
        }
        if (summary.error() != null) {
            g.writeStringField("error", summary.error());
        }
        if (summary.repeats() != null) {
            g.writeStringField("repeats", summary.repeats());
        }
    }
}
