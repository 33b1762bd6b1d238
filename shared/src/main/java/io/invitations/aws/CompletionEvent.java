package io.invitations.aws;

import io.invitations.batch.BatchSummary;
import io.invitations.json.Json;
import io.invitations.observe.BatchFinished;
import java.time.Instant;

/**
 * The event a finished batch publishes for automation, the one place its format is written down: source
 * {@value #SOURCE}, detail-type {@value #DETAIL_TYPE}, and the batch's summary as the detail (never a token).
 */
public final class CompletionEvent {
    public static final String SOURCE = "io.invitations";
    public static final String DETAIL_TYPE = "Invitation Batch Finished";

    private CompletionEvent() {
    }

    /** The detail: the summary's fields, where the upload was, and COMPLETED, FAILED or REJECTED as status. */
    public static String detail(BatchFinished finished) {
        BatchSummary summary = finished.summary();
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("batchId", summary.batchId());
            g.writeStringField("kind", finished.kind().name().toLowerCase());
            g.writeStringField("status", finished.outcome().name());
            g.writeStringField("bucket", finished.source().bucket());
            g.writeStringField("key", finished.source().key());
            g.writeNumberField("total", summary.total());
            g.writeNumberField("succeeded", summary.succeeded());
            g.writeNumberField("failed", summary.failed());
            g.writeStringField("startedAt", text(summary.startedAt()));
            g.writeStringField("finishedAt", text(summary.finishedAt()));
            g.writeStringField("results", summary.results());
            g.writeStringField("summary", finished.summaryKey());
            g.writeStringField("error", summary.error());
            g.writeStringField("repeats", summary.repeats());
            g.writeNumberField("durationMillis", finished.took().toMillis());
            g.writeEndObject();
        });
    }

    /** The event as EventBridge delivers it to a rule's target (locally, a line of the events file). */
    public static String envelope(BatchFinished finished, String id, String account, String region, Instant time) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("version", "0");
            g.writeStringField("id", id);
            g.writeStringField("detail-type", DETAIL_TYPE);
            g.writeStringField("source", SOURCE);
            g.writeStringField("account", account);
            g.writeStringField("time", time.toString());
            g.writeStringField("region", region);
            g.writeArrayFieldStart("resources");
            g.writeEndArray();
            g.writeFieldName("detail");
            g.writeRawValue(detail(finished));
            g.writeEndObject();
        });
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
