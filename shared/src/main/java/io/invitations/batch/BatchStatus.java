package io.invitations.batch;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a batch is in its life, as the batches table stores it. A batch is registered {@link #SPLITTING} (or
 * {@link #REJECTED}, when its file or options are refused as a whole), {@link #RUNNING} once every chunk is
 * queued, {@link #AGGREGATING} once every row is counted, and {@link #COMPLETED}, {@link #CANCELLED} (an admin
 * stopped it while it ran: its chunks not started then say Cancelled) or {@link #FAILED} once its outputs are
 * written. {@link #from()} is the one place the allowed transitions are written down; the store
 * makes no other.
 */
public enum BatchStatus {
    REJECTED, SPLITTING, RUNNING, AGGREGATING, COMPLETED, CANCELLED, FAILED;

    /** The statuses a batch may move to this one from (none: a batch is registered with it). */
    public Set<BatchStatus> from() {
        return switch (this) {
            case REJECTED, SPLITTING -> EnumSet.noneOf(BatchStatus.class);
            case RUNNING -> EnumSet.of(SPLITTING);
            // Workers may count the last row before the splitter notes that it queued every chunk.
            case AGGREGATING -> EnumSet.of(REJECTED, SPLITTING, RUNNING);
            case COMPLETED, CANCELLED, FAILED -> EnumSet.of(AGGREGATING);
        };
    }

    /** Its outputs (results and summary) are written. */
    public boolean isFinished() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /** Its rows may still be counted chunk by chunk. */
    public boolean isCounting() {
        return this == SPLITTING || this == RUNNING;
    }
}
