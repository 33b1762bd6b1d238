package io.invitations.local.runtime;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.splitter.SplitterHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * Runs a batch the way an admin does on AWS: put the file under {@code incoming/<kind>/} with the options
 * as metadata, let S3 notify the splitter, wait for the summary, download the results.
 */
public final class LocalBatches {
    private static final Duration POLL = Duration.ofMillis(200);

    private final LocalPipeline pipeline;
    private final Duration stallTimeout;

    public LocalBatches(LocalPipeline pipeline, Duration stallTimeout) {
        this.pipeline = pipeline;
        this.stallTimeout = stallTimeout;
    }

    /** Rows counted so far, for a progress display. */
    @FunctionalInterface
    public interface Progress {
        void update(long processed, long total, long failed);
    }

    /** A finished batch: its summary, and where the results were saved (empty for a failed batch). */
    public record Outcome(BatchSummary summary, Optional<Path> resultsFile) {
    }

    /**
     * Runs one batch of {@code kind}. {@code csvFile} is the input (for an export, null: an empty trigger
     * object is dropped instead).
     */
    public Outcome run(BatchKind kind, Path csvFile, BatchOptions options, Path resultsFile, Progress progress)
            throws Exception {
        Path input = csvFile != null ? csvFile : Files.createTempFile("export", ".request");
        String key = kind.incomingPrefix() + (csvFile != null ? csvFile.getFileName()
                : "export-" + Instant.now().toEpochMilli() + ".request");
        S3Event event;
        try {
            event = pipeline.upload(key, input, options.toMetadata());
        } finally {
            if (csvFile == null) {
                Files.deleteIfExists(input);
            }
        }
        pipeline.deliver(event);
        BatchRecord batch = await(SplitterHandler.sourceOf(event.getRecords().get(0)).batchId(), progress);
        ResultKeys keys = ResultKeys.of(kind, key, batch.startedAt());
        BatchSummary summary = BatchSummary.of(batch, keys);
        if (batch.isRejected()) {
            return new Outcome(summary, Optional.empty());
        }
        download(keys.results(), resultsFile);
        return new Outcome(summary, Optional.of(resultsFile));
    }

    /** Waits until the batch's outputs are written, failing if no row is counted for {@code stallTimeout}. */
    public BatchRecord await(String batchId, Progress progress) throws InterruptedException {
        long lastProcessed = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Optional<BatchRecord> found = pipeline.pipeline().batches().find(batchId);
            if (found.isPresent()) {
                BatchRecord batch = found.get();
                if (batch.isFinished()) {
                    progress.update(batch.processedRows(), batch.totalRows(), batch.failedRows());
                    return batch;
                }
                if (batch.processedRows() != lastProcessed) {
                    lastProcessed = batch.processedRows();
                    lastChange = System.nanoTime();
                    progress.update(batch.processedRows(), batch.totalRows(), batch.failedRows());
                }
            }
            if (System.nanoTime() - lastChange > stallTimeout.toNanos()) {
                throw new IllegalStateException("batch " + batchId + " made no progress for "
                        + stallTimeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void download(String key, Path target) throws Exception {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".results", ".part");
        try {
            Files.delete(partial); // the SDK writes a new file and refuses an existing one
            pipeline.clients().s3().getObject(b -> b.bucket(pipeline.resources().bucket()).key(key),
                    ResponseTransformer.toFile(partial));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
