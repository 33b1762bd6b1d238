package io.invitations.memory;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkResult;
import io.invitations.batch.SourceObject;
import io.invitations.store.BatchStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The batches table in memory, with DynamoDB's semantics as the DynamoDB store uses them: every method is one
 * atomic, consistent step (a conditional update, or the chunk-and-counters transaction), status moves only as
 * {@link BatchStatus#from()} allows, and a step repeated by a retry changes nothing more.
 */
public final class InMemoryBatchStore implements BatchStore {
    private final Clock clock;
    private final Map<String, Batch> batches = new HashMap<>();
    private final Map<String, TreeMap<Integer, ChunkResult>> chunks = new HashMap<>();
    private final Map<String, RepeatKey> repeatKeys = new HashMap<>();
    private final Map<String, Set<String>> repeats = new HashMap<>();
    /** The chunks an attempt started, and whether that first attempt was a cancelling one. */
    private final Map<String, Boolean> startedChunks = new HashMap<>();

    public InMemoryBatchStore(Clock clock) {
        this.clock = clock;
    }

    /** A repeat key's item: the batch that holds it, since when. */
    private record RepeatKey(String holder, Instant claimedAt) {
    }

    /** The batch item, as its attributes. */
    private static final class Batch {
        String batchId;
        BatchKind kind;
        SourceObject source;
        BatchStatus status;
        long totalRows;
        long processedRows;
        long succeededRows;
        long failedRows;
        Instant startedAt;
        Instant completedAt;
        Instant finishedAt;
        String error;
        int aggregationRestarts;
        BatchContext context;
        String repeatOf;
        Instant cancelledAt;
        Instant updatedAt;
        boolean open;

        BatchRecord record() {
            return new BatchRecord(batchId, kind, source, status,
                    new BatchRecord.Counts(totalRows, processedRows, succeededRows, failedRows),
                    new BatchRecord.Times(startedAt, completedAt, finishedAt, cancelledAt), error, aggregationRestarts,
                    context, repeatOf);
        }
    }

    @Override
    public synchronized Optional<BatchRecord> find(String batchId) {
        return Optional.ofNullable(batches.get(batchId)).map(Batch::record);
    }

    @Override
    public synchronized boolean register(BatchRecord record) {
        if (batches.containsKey(record.batchId())) {
            return false;
        }
        Batch batch = new Batch();
        batch.batchId = record.batchId();
        batch.kind = record.kind();
        batch.source = record.source();
        batch.status = record.status();
        batch.totalRows = record.counts().total();
        batch.startedAt = record.times().started();
        batch.error = record.error();
        batch.context = record.context();
        batch.repeatOf = record.repeatOf();
        batch.updatedAt = clock.instant();
        batch.open = true;
        batches.put(batch.batchId, batch);
        return true;
    }

    @Override
    public synchronized void markEnqueued(String batchId) {
        // As DynamoDB's store: the conditional update of an unknown batch fails, and that failure is ignored.
        Batch batch = batches.get(batchId);
        if (batch != null && allows(batch, BatchStatus.RUNNING)) {
            batch.status = BatchStatus.RUNNING;
            batch.updatedAt = clock.instant();
        }
    }

    @Override
    public synchronized Optional<UnrecordedChunk> unrecordedChunk(String batchId, int chunkIndex) {
        Batch batch = batches.get(batchId);
        if (chunks.getOrDefault(batchId, new TreeMap<>()).containsKey(chunkIndex)) {
            return Optional.empty();
        }
        if (batch == null || batch.context == null) {
            throw new IllegalStateException("chunk " + chunkIndex + " names batch " + batchId
                    + ", which is not registered with its rows");
        }
        return Optional.of(new UnrecordedChunk(batch.context, batch.totalRows, batch.cancelledAt != null));
    }

    @Override
    public synchronized Cancel cancel(String batchId, Instant at) {
        Batch batch = batches.get(batchId);
        if (batch == null) {
            return Cancel.UNKNOWN;
        }
        if (!batch.status.isCounting() || batch.repeatOf != null || batch.error != null) {
            return Cancel.NOTHING_LEFT;
        }
        if (batch.cancelledAt == null) {
            batch.cancelledAt = at;
        }
        batch.updatedAt = clock.instant();
        return Cancel.CANCELLED;
    }

    @Override
    public synchronized Set<Integer> recordedChunks(String batchId) {
        // In order, unlike Set.copyOf's per-JVM order: the simulator's schedules replay alike in any JVM.
        return Collections.unmodifiableSortedSet(new TreeSet<>(chunks.getOrDefault(batchId, new TreeMap<>()).keySet()));
    }

    @Override
    public synchronized Recorded recordChunk(ChunkResult result, long batchRows) {
        TreeMap<Integer, ChunkResult> recorded = chunks.computeIfAbsent(result.batchId(), id -> new TreeMap<>());
        if (recorded.containsKey(result.chunkIndex())) {
            return Recorded.BEFORE;
        }
        Batch batch = existing(result.batchId());
        // As DynamoDB's store decides it: no rows remain when those counted before reach the batch's less these.
        boolean last = batch.processedRows >= batchRows - result.rows().size();
        recorded.put(result.chunkIndex(), result);
        batch.processedRows += result.rows().size();
        batch.succeededRows += result.succeeded();
        batch.failedRows += result.failed();
        batch.updatedAt = clock.instant();
        return last ? Recorded.COUNTED_LAST : Recorded.COUNTED;
    }

    @Override
    public synchronized boolean markComplete(String batchId, Instant at) {
        Batch batch = batches.get(batchId);
        if (batch == null) {
            return false;
        }
        if (batch.processedRows == batch.totalRows && allows(batch, BatchStatus.AGGREGATING)) {
            batch.status = BatchStatus.AGGREGATING;
            if (batch.completedAt == null) {
                batch.completedAt = at;
            }
            return true;
        }
        return batch.status.isFinished();
    }

    @Override
    public void forEachChunk(String batchId, Consumer<ChunkResult> visitor) {
        List<ChunkResult> inOrder;
        synchronized (this) {
            inOrder = new ArrayList<>(chunks.getOrDefault(batchId, new TreeMap<>()).values());
        }
        inOrder.forEach(visitor);
    }

    @Override
    public synchronized void recordExport(String batchId, long rows) {
        Batch batch = existing(batchId);
        batch.totalRows = rows;
        batch.processedRows = rows;
        batch.succeededRows = rows;
    }

    @Override
    public synchronized List<BatchRecord> idleSince(Instant before) {
        return batches.values().stream().filter(b -> b.open && b.updatedAt.isBefore(before)).map(Batch::record)
                .toList();
    }

    @Override
    public synchronized void fail(String batchId, String error) {
        Batch batch = existing(batchId);
        if (batch.error == null) {
            batch.error = error;
        }
        batch.processedRows = batch.totalRows;
        batch.updatedAt = clock.instant();
    }

    @Override
    public synchronized void recordRestart(String batchId) {
        Batch batch = existing(batchId);
        batch.aggregationRestarts++;
        batch.updatedAt = clock.instant();
    }

    @Override
    public synchronized ChunkStart startChunk(String batchId, int chunkIndex, boolean cancelling) {
        Boolean startedCancelling = startedChunks.putIfAbsent(batchId + "#" + chunkIndex, cancelling);
        return startedCancelling == null ? ChunkStart.FIRST : startedCancelling ? ChunkStart.CANCELLED
                : ChunkStart.AGAIN;
    }

    @Override
    public synchronized String claimRepeatKey(String repeatKey, String batchId, Instant now, Duration window) {
        RepeatKey held = repeatKeys.get(repeatKey);
        if (held == null || held.claimedAt().isBefore(now.minus(window)) || held.holder().equals(batchId)) {
            repeatKeys.put(repeatKey, new RepeatKey(batchId, now));
            return batchId;
        }
        return held.holder();
    }

    @Override
    public synchronized void addRepeat(String originalId, String repeatId) {
        repeats.computeIfAbsent(originalId, id -> new TreeSet<>()).add(repeatId);
    }

    @Override
    public synchronized Set<String> repeatsOf(String originalId) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(repeats.getOrDefault(originalId, Set.of())));
    }

    @Override
    public synchronized boolean completeRepeat(String repeatId, BatchRecord original, String error, Instant at) {
        Batch batch = existing(repeatId);
        if (!allows(batch, BatchStatus.AGGREGATING)) {
            return batch.status.isFinished();
        }
        batch.status = BatchStatus.AGGREGATING;
        batch.context = original.context();
        batch.processedRows = original.counts().processed();
        batch.succeededRows = original.counts().succeeded();
        batch.failedRows = original.counts().failed();
        if (error != null) {
            batch.error = error;
        }
        if (batch.completedAt == null) {
            batch.completedAt = at;
        }
        batch.updatedAt = clock.instant();
        return true;
    }

    @Override
    public synchronized void markFinished(String batchId, BatchStatus outcome, Instant at) {
        Batch batch = existing(batchId);
        if (!allows(batch, outcome)) {
            throw new IllegalStateException("batch " + batchId + " cannot become " + outcome + " from "
                    + batch.status);
        }
        batch.status = outcome;
        if (batch.finishedAt == null) {
            batch.finishedAt = at;
        }
        batch.open = false;
    }

    /** As the conditional update: the batch is in a status that may move to {@code to}, or in {@code to}. */
    private static boolean allows(Batch batch, BatchStatus to) {
        return batch.status == to || to.from().contains(batch.status);
    }

    private Batch existing(String batchId) {
        Batch batch = batches.get(batchId);
        if (batch == null) {
            throw new IllegalStateException("no batch " + batchId + " (the conditional update fails)");
        }
        return batch;
    }
}
