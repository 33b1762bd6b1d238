package io.invitations.memory;

import io.invitations.observe.BatchFinished;
import io.invitations.observe.ChunkRecorded;
import io.invitations.observe.PipelineObserver;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything the pipeline reported to operations, in order. */
public final class RecordingObserver implements PipelineObserver {
    public final List<ChunkRecorded> chunks = new ArrayList<>();
    public final List<BatchFinished> finished = new ArrayList<>();
    public final List<String> swept = new ArrayList<>();
    public final List<String> abandoned = new ArrayList<>();

    @Override
    public void chunkRecorded(ChunkRecorded chunk) {
        chunks.add(chunk);
    }

    @Override
    public void batchFinished(BatchFinished batch) {
        finished.add(batch);
    }

    @Override
    public void batchSwept(String batchId) {
        swept.add(batchId);
    }

    @Override
    public void aggregationAbandoned(String batchId, int restarts) {
        abandoned.add(batchId);
    }
}
