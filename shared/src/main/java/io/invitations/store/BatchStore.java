package io.invitations.store;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Batches, their counters and their per-chunk results. */
public interface BatchStore {

    /** The batch, read consistently. */
    Optional<BatchRecord> find(String batchId);

    /** Registers a new batch; false (and nothing written) when the id is registered already. */
    boolean register(BatchRecord batch);

    /** Notes that every chunk of the batch has been queued: SPLITTING to RUNNING (unless it moved on already). */
    void markEnqueued(String batchId);

    /**
     * A chunk whose results are not recorded yet, with what processing and counting it needs of its batch, and
     * whether an admin cancelled the batch.
     */
    record UnrecordedChunk(BatchContext context, long batchRows, boolean cancelled) {
    }

    /** What a request to cancel a batch found. */
    enum Cancel {
        /** The batch runs, and is cancelled now (or was before): its chunks not started will say Cancelled. */
        CANCELLED,
        /** Every row of the batch was counted already (or it failed as a whole): nothing is left to cancel. */
        NOTHING_LEFT,
        /** No such batch. */
        UNKNOWN
    }

    /**
     * Cancels a batch whose rows are still being counted (one conditional write, safe to repeat); a batch whose
     * rows are all counted is left as it is.
     */
    Cancel cancel(String batchId, Instant at);

    /**
     * What a worker reads before processing a chunk, in one consistent read: the batch's context and row count, or
     * empty when the chunk's results are recorded already. Throws when the batch is not registered.
     */
    Optional<UnrecordedChunk> unrecordedChunk(String batchId, int chunkIndex);

    /**
     * The indexes of the chunks whose results are recorded (and so counted) already: one read of the chunk keys,
     * however many chunks the batch has.
     */
    Set<Integer> recordedChunks(String batchId);

    /** What recording a chunk did. */
    enum Recorded {
        /** The chunk was recorded before: nothing changed. */
        BEFORE,
        /** Recorded and counted; other rows of the batch are not counted yet. */
        COUNTED,
        /** Recorded and counted, and with it the last rows of the batch: every row is counted now. */
        COUNTED_LAST
    }

    /**
     * Records a chunk's results and adds its rows to the batch counters, atomically and exactly once, and tells
     * whether they were the batch's last uncounted rows ({@code batchRows}: the batch's row count), so that the
     * worker of the last chunk, and only it, starts the aggregation without reading the counters back.
     */
    Recorded recordChunk(ChunkResult result, long batchRows);

    /**
     * Moves the batch to AGGREGATING, stamped complete at {@code at}, if every row is counted (keeping an earlier
     * stamp); true when the batch is complete (aggregating or finished). Safe to call any number of times.
     */
    boolean markComplete(String batchId, Instant at);

    /** Visits the recorded chunks of a batch in chunk order, page by page. */
    void forEachChunk(String batchId, Consumer<ChunkResult> visitor);

    /** Records how many invitations an export batch wrote, as its row counts. */
    void recordExport(String batchId, long rows);

    /** Unfinished batches whose last progress (registration, queueing or a counted chunk) is before {@code before}. */
    List<BatchRecord> idleSince(Instant before);

    /** Fails a batch that cannot be finished row by row (its upload is gone): it completes with {@code error}. */
    void fail(String batchId, String error);

    /**
     * Counts one more restart of the batch's aggregation by the sweeper, and notes it as progress, so that the
     * next restart waits another idle bound.
     */
    void recordRestart(String batchId);

    /** What an attempt at a chunk found when it noted its start. */
    enum ChunkStart {
        /** No attempt started before: this one is the first (a cancelling one, if it said so). */
        FIRST,
        /** An attempt that processes the rows started before (a redelivery, a retry after a crash, a duplicate). */
        AGAIN,
        /** An attempt of a cancelled batch started first: the chunk's rows are Cancelled, nothing may be written. */
        CANCELLED
    }

    /**
     * Notes that an attempt at the chunk starts, {@code cancelling} (its batch was cancelled: it will write
     * nothing) or not, by one conditional write: the first attempt decides for all, so that an attempt that read
     * the batch before the cancel never writes rows another attempt recorded Cancelled.
     */
    ChunkStart startChunk(String batchId, int chunkIndex, boolean cancelling);

    /**
     * Claims a file's repeat key (its kind, bytes and options) for {@code batchId}, unless another batch claimed it
     * within {@code window} before {@code now}; returns the batch that holds the key: this one when it claims it
     * now (or claimed it before: a retry), else the batch whose file this one repeats. One conditional write.
     */
    String claimRepeatKey(String repeatKey, String batchId, Instant now, Duration window);

    /** Notes that {@code repeatId} waits for {@code originalId} to finish (see {@link #repeatsOf}). */
    void addRepeat(String originalId, String repeatId);

    /**
     * The batches noted as waiting for {@code originalId}, read consistently: its aggregator reads them after
     * marking it finished, and a repeat reads the original's status after noting itself, so one of the two always
     * sees the other.
     */
    Set<String> repeatsOf(String originalId);

    /**
     * Completes a repeat with what its finished original came to: the original's context (so that its results are
     * the original's rows and tokens) and counts, and, when the original failed as a whole, {@code error}; the
     * repeat moves to AGGREGATING, stamped at {@code at}. True when the repeat is complete, now or before.
     */
    boolean completeRepeat(String repeatId, BatchRecord original, String error, Instant at);

    /** Notes that the batch's outputs are written: AGGREGATING to {@code outcome} (COMPLETED, CANCELLED or FAILED). */
    void markFinished(String batchId, BatchStatus outcome, Instant at);
}
