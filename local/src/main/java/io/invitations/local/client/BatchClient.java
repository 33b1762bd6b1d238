package io.invitations.local.client;

import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.ResultKeys;
import io.invitations.batch.SourceObject;
import io.invitations.pipeline.BatchSplitter;
import io.invitations.store.BatchStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs a batch the way an admin does on AWS: put the file under {@code incoming/<kind>/} with the options
 * as metadata, follow the batch, download the results. Works against any bucket the pipeline watches: the
 * deployed one, the local server's, or an in-process pipeline (which is handed the S3 event, as it has no
 * notifications of its own). With the batches table at hand, progress is read from the batch's counters;
 * without it, or where AWS denies its items to these credentials (a provisioner's, docs/security.md), the client
 * waits for the summary S3 writes at the end.
 */
public final class BatchClient {
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Where only the end is seen: the template's StalledBatchMinutes (60), the sweeper's period and the
     * aggregation, after which even a stalled batch has written its summary.
     */
    private static final Duration UNTIL_SWEPT = Duration.ofMinutes(75);

    private final S3Client s3;
    private final String bucket;
    private final BatchStore batches;
    private final Consumer<SourceObject> notifications;
    private final Duration stallTimeout;

    /**
     * @param batches       the batches table, or null when it cannot be read (then no row counts until the end)
     * @param notifications is told of the upload where S3 sends no notification (in-process), or null
     * @param stallTimeout  how long a batch may go without a counted row (without the table, the client waits
     *                      for the summary as long as the sweeper may take to finish a stalled batch)
     */
    public BatchClient(S3Client s3, String bucket, BatchStore batches, Consumer<SourceObject> notifications,
                       Duration stallTimeout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.batches = batches;
        this.notifications = notifications;
        this.stallTimeout = stallTimeout;
    }

    /** Rows counted so far, for a progress display ({@code total} 0 while unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(long processed, long total, long failed);

        /** Told once when the batch's counters cannot be read, and only its end will be seen. */
        default void countsUnavailable(String why) {
        }
    }

    /** A finished batch: its summary, and where the results were saved (empty for a failed batch). */
    public record Outcome(BatchSummary summary, Optional<Path> resultsFile) {
    }

    /**
     * Runs one batch of {@code kind}. {@code csvFile} is the input (for an export, null: an empty trigger
     * object is dropped instead); {@code newBatch}: run it anew even if it repeats a file uploaded before.
     */
    public Outcome run(BatchKind kind, Path csvFile, BatchOptions options, boolean newBatch, Path resultsFile,
                       Progress progress) throws Exception {
        Instant submitted = Instant.now();
        Map<String, String> metadata = new TreeMap<>(options.toMetadata());
        if (newBatch) {
            metadata.put(BatchSplitter.NEW_BATCH, "true");
        }
        SourceObject upload = upload(kind, csvFile, metadata);
        if (notifications != null) {
            notifications.accept(upload);
        }
        BatchSummary summary = null;
        if (batches != null) {
            try {
                summary = summaryOf(await(upload.batchId(), progress), upload.key());
            } catch (RuntimeException e) {
                if (!AccessDenied.is(e)) {
                    throw e;
                }
                progress.countsUnavailable("these credentials may not read the batches table; following the batch"
                        + " by its summary, which it writes at the end");
            }
        }
        if (summary == null) {
            summary = awaitSummary(kind, upload, submitted, progress);
        }
        if (summary.failedAsAWhole()) {
            return new Outcome(summary, Optional.empty());
        }
        download(summary.results(), resultsFile);
        return new Outcome(summary, Optional.of(resultsFile));
    }

    /**
     * Asks the pipeline to cancel batch {@code batchId}, as anyone may on AWS: an empty object under
     * {@code incoming/cancel/}. With the batches table at hand, waits (up to {@code patience}) until the batch shows
     * the cancel or has stopped counting rows, and returns it; empty without the table, or when it has no such batch.
     */
    public Optional<BatchRecord> cancel(String batchId, Duration patience) throws Exception {
        SourceObject request = putEmpty(BatchSplitter.CANCEL_PREFIX + batchId, Map.of());
        if (notifications != null) {
            notifications.accept(request);
        }
        if (batches == null) {
            return Optional.empty();
        }
        Instant until = Instant.now().plus(patience);
        while (true) {
            Optional<BatchRecord> batch = batches.find(batchId);
            if (batch.isEmpty() || batch.get().isCancelled() || !batch.get().status().isCounting()
                    || Instant.now().isAfter(until)) {
                return batch;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private SourceObject upload(BatchKind kind, Path csvFile, Map<String, String> metadata) throws Exception {
        if (csvFile != null) {
            return BatchUpload.put(s3, bucket, kind.incomingPrefix() + csvFile.getFileName(), csvFile, metadata);
        }
        return putEmpty(kind.incomingPrefix() + "export-" + Instant.now().toEpochMilli() + ".request", metadata);
    }

    /** An empty object: a request (an export, a cancel) that the key and metadata say all of. */
    private SourceObject putEmpty(String key, Map<String, String> metadata) throws Exception {
        Path empty = Files.createTempFile("request", ".empty");
        try {
            return BatchUpload.put(s3, bucket, key, empty, metadata);
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    private static BatchSummary summaryOf(BatchRecord batch, String key) {
        return BatchSummary.of(batch, ResultKeys.of(batch.kind(), key, batch.times().started()));
    }

    /** Waits until the batch's outputs are written, failing if no row is counted for the stall timeout. */
    public BatchRecord await(String batchId, Progress progress) throws InterruptedException {
        long lastProcessed = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Optional<BatchRecord> found = batches.find(batchId);
            if (found.isPresent()) {
                BatchRecord batch = found.get();
                if (batch.isFinished()) {
                    progress.update(batch.counts().processed(), batch.counts().total(), batch.counts().failed());
                    return batch;
                }
                // A repeat counts nothing of its own: it follows the batch it repeats, which it ends with.
                BatchRecord counting = batch.waitsForOriginal()
                        ? batches.find(batch.repeatOf()).orElse(batch) : batch;
                if (counting.counts().processed() != lastProcessed) {
                    lastProcessed = counting.counts().processed();
                    lastChange = System.nanoTime();
                    progress.update(counting.counts().processed(), counting.counts().total(), counting.counts().failed());
                }
            }
            checkStall(lastChange, "made no progress", stallTimeout);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Without the batches table: waits for the summary the aggregator writes last, naming this upload's batch. */
    private BatchSummary awaitSummary(BatchKind kind, SourceObject upload, Instant submitted, Progress progress)
            throws InterruptedException {
        long started = System.nanoTime();
        while (true) {
            List<String> candidates = !kind.resultsMirrorSource() ? summariesSince(kind, submitted)
                    : List.of(ResultKeys.forSource(upload.key()).summary());
            for (String key : candidates) {
                Optional<BatchSummary> summary = read(key);
                if (summary.isPresent() && upload.batchId().equals(summary.get().batchId())) {
                    return summary.get();
                }
            }
            progress.update(0, 0, 0);
            checkStall(started, "wrote no results", UNTIL_SWEPT);
            Thread.sleep(1000);
        }
    }

    /** Outputs named by the batch's start (an export's): the summaries of its kind written since the request. */
    private List<String> summariesSince(BatchKind kind, Instant submitted) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(kind.resultsPrefix())).contents()
                .stream().filter(o -> o.key().endsWith("-summary.json"))
                .filter(o -> !o.lastModified().isBefore(submitted.minusSeconds(1)))
                .map(S3Object::key).toList();
    }

    private Optional<BatchSummary> read(String key) {
        try {
            return Optional.of(SummaryJson.read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key))
                    .asString(StandardCharsets.UTF_8)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static void checkStall(long since, String what, Duration timeout) {
        if (System.nanoTime() - since > timeout.toNanos()) {
            throw new IllegalStateException("the batch " + what + " for " + timeout.toSeconds()
                    + " s; it may still finish: see ./invitations status");
        }
    }

    private void download(String key, Path target) throws Exception {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".results", ".part");
        try {
            Files.delete(partial); // the SDK writes a new file and refuses an existing one
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(partial));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
