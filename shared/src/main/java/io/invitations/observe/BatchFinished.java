package io.invitations.observe;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import java.time.Duration;

/**
 * A batch whose outputs are written: what a completion event tells automation.
 *
 * @param outcome    COMPLETED, CANCELLED (an admin stopped it while it ran), FAILED (as a whole, after it was
 *                   accepted), or REJECTED (its file or options were refused before any row ran; its summary says
 *                   FAILED with the reason)
 * @param source     the upload that started it
 * @param summaryKey the key of its summary JSON, beside the results
 * @param took       from the upload's registration to the outputs written
 */
public record BatchFinished(BatchSummary summary, BatchKind kind, Outcome outcome, SourceObject source,
                            String summaryKey, Duration took) {

    public enum Outcome {
        COMPLETED, CANCELLED, FAILED, REJECTED;

        /** A rejected batch was registered without a context: no row of it was ever queued. */
        public static Outcome of(BatchRecord batch) {
            if (!batch.failedAsAWhole()) {
                return batch.isCancelled() ? CANCELLED : COMPLETED;
            }
            return batch.context() == null ? REJECTED : FAILED;
        }
    }
}
