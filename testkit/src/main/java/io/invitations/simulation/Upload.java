package io.invitations.simulation;

import io.invitations.batch.BatchKind;
import io.invitations.batch.SourceObject;
import io.invitations.memory.InMemoryPipeline;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A file a workload drops into the bucket, and what became of its S3 events.
 *
 * @param rows what identifies each input row in its results, in input order (a name, or a token for revoke)
 */
final class Upload {
    final int number;
    final String key;
    final BatchKind kind;
    final String content;
    final Map<String, String> metadata;
    final List<String> rows;
    /** When the admin drops it. */
    final Instant at;
    /** How many times S3 notifies the splitter (at least once, sometimes twice). */
    final int notifications;
    /** When the admin asks to cancel its batch (while it may still run), or null. */
    Instant cancelAt;
    SourceObject source;
    /** Every notification's splitter attempts ended in the failure destination. */
    /** Its batch's outputs, as read in the step after they were written (a later upload of the key replaces them). */
    InMemoryPipeline.Finished finished;

    Upload(int number, String key, BatchKind kind, String content, Map<String, String> metadata, List<String> rows,
           Instant at, int notifications) {
        this.number = number;
        this.key = key;
        this.kind = kind;
        this.content = content;
        this.metadata = metadata;
        this.rows = rows;
        this.at = at;
        this.notifications = notifications;
    }

    @Override
    public String toString() {
        return "#" + number + " " + key + " (" + rows.size() + " rows" + (source == null ? "" : ", "
                + source.batchId()) + ")";
    }
}
