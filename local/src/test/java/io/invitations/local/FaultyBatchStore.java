package io.invitations.local;

import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.ChunkResult;
import io.invitations.store.BatchStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The real batch store, with a crash injected at a chosen step (the process "dies" by throwing). */
final class FaultyBatchStore implements BatchStore {
    enum Step { BEFORE_RECORD_CHUNK, AFTER_RECORD_CHUNK, BEFORE_MARK_COMPLETE }

    private final BatchStore real;
    private final Step step;
    private final AtomicInteger crashesLeft;

    FaultyBatchStore(BatchStore real, Step step, int crashes) {
        this.real = real;
        this.step = step;
        this.crashesLeft = new AtomicInteger(crashes);
    }

    private void maybeCrash(Step at) {
        if (step == at && crashesLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("injected crash " + at);
        }
    }

    @Override
    public Optional<BatchRecord> find(String batchId) {
        return real.find(batchId);
    }

    @Override
    public boolean register(BatchRecord batch) {
        return real.register(batch);
    }

    @Override
    public ChunkStart startChunk(String batchId, int chunkIndex, boolean cancelling) {
        return real.startChunk(batchId, chunkIndex, cancelling);
    }

    @Override
    public Cancel cancel(String batchId, Instant at) {
        return real.cancel(batchId, at);
    }

    @Override
    public String claimRepeatKey(String repeatKey, String batchId, Instant now, Duration window) {
        return real.claimRepeatKey(repeatKey, batchId, now, window);
    }

    @Override
    public void addRepeat(String originalId, String repeatId) {
        real.addRepeat(originalId, repeatId);
    }

    @Override
    public Set<String> repeatsOf(String originalId) {
        return real.repeatsOf(originalId);
    }

    @Override
    public boolean completeRepeat(String repeatId, BatchRecord original, String error, Instant at) {
        return real.completeRepeat(repeatId, original, error, at);
    }

    @Override
    public void markEnqueued(String batchId) {
        real.markEnqueued(batchId);
    }

    @Override
    public Optional<UnrecordedChunk> unrecordedChunk(String batchId, int chunkIndex) {
        return real.unrecordedChunk(batchId, chunkIndex);
    }

    @Override
    public void recordRestart(String batchId) {
        real.recordRestart(batchId);
    }

    @Override
    public java.util.Set<Integer> recordedChunks(String batchId) {
        return real.recordedChunks(batchId);
    }

    @Override
    public Recorded recordChunk(ChunkResult result, long batchRows) {
        maybeCrash(Step.BEFORE_RECORD_CHUNK);
        Recorded recorded = real.recordChunk(result, batchRows);
        maybeCrash(Step.AFTER_RECORD_CHUNK);
        return recorded;
    }

    @Override
    public boolean markComplete(String batchId, Instant at) {
        maybeCrash(Step.BEFORE_MARK_COMPLETE);
        return real.markComplete(batchId, at);
    }

    @Override
    public void forEachChunk(String batchId, Consumer<ChunkResult> visitor) {
        real.forEachChunk(batchId, visitor);
    }

    @Override
    public java.util.List<BatchRecord> idleSince(Instant before) {
        return real.idleSince(before);
    }

    @Override
    public void fail(String batchId, String error) {
        real.fail(batchId, error);
    }

    @Override
    public void recordExport(String batchId, long rows) {
        real.recordExport(batchId, rows);
    }

    @Override
    public void markFinished(String batchId, BatchStatus outcome, Instant at) {
        real.markFinished(batchId, outcome, at);
    }
}
