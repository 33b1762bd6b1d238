package io.invitations.batch;

import io.invitations.json.Json;
import java.time.Instant;

/** The summary JSON written beside the results: what an admin or a script checks first. */
public record BatchSummary(String batchId, String source, String status, long total, long succeeded,
                           long failed, Instant startedAt, Instant finishedAt, String results, String error) {
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    /** The summary of a batch whose outputs go to {@code keys}. */
    public static BatchSummary of(BatchRecord batch, ResultKeys keys) {
        return new BatchSummary(batch.batchId(), batch.source().uri(),
                batch.isRejected() ? FAILED : COMPLETED, batch.totalRows(), batch.succeededRows(),
                batch.failedRows(), batch.startedAt(), batch.completedAt(),
                batch.isRejected() ? null : keys.results(), batch.error());
    }

    public String toJson() {
        return Json.write(g -> {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("batchId", batchId);
            g.writeStringField("source", source);
            g.writeStringField("status", status);
            g.writeNumberField("total", total);
            g.writeNumberField("succeeded", succeeded);
            g.writeNumberField("failed", failed);
            g.writeStringField("startedAt", String.valueOf(startedAt));
            g.writeStringField("finishedAt", String.valueOf(finishedAt));
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
