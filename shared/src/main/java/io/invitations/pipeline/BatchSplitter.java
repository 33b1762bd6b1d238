package io.invitations.pipeline;

import io.invitations.batch.BatchContext;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.BatchRejectedException;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.CreateOptions;
import io.invitations.batch.SourceObject;
import io.invitations.csv.ColumnSet;
import io.invitations.csv.CsvFileException;
import io.invitations.csv.CsvFileScan;
import io.invitations.invitation.Invitation;
import io.invitations.invitation.InvitationRules;
import io.invitations.invitation.Tokens;
import io.invitations.observe.LogScope;
import io.invitations.store.BatchStore;
import io.invitations.store.ChunkQueue;
import io.invitations.store.InvitationStore;
import io.invitations.store.ObjectStore;
import io.invitations.store.UploadReplacedException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an uploaded file into a registered batch and queued chunks.
 *
 * <p>Two streaming passes over the same object version: the first checks the whole file (encoding,
 * quoting, header, options, parent) and counts its rows, so a bad file is rejected before anything is
 * queued or created; the second queues the rows. A repeated event for the same upload finds the batch
 * registered and queues nothing; a re-run after a crash half way queues the same chunks again, which
 * the workers recognise.
 *
 * <p>A file whose kind, bytes and options repeat a batch's of the last {@code repeatWindow} (a provisioning
 * script's retry, a roster uploaded again) is a repeat: nothing is queued or created, and once that batch has
 * finished, the repeat's results are its rows and tokens again, under the new upload's name. The upload's
 * metadata {@code new-batch=true} runs it anew instead. An export always runs anew.
 */
public final class BatchSplitter {
    /** Metadata that makes a repeated file a batch of its own (new tokens, new invitations). */
    public static final String NEW_BATCH = "new-batch";
    /** Where an object asks to cancel the batch it names (see {@link #cancel}). */
    public static final String CANCEL_PREFIX = BatchKind.INCOMING + "cancel/";
    private static final Logger LOG = LoggerFactory.getLogger(BatchSplitter.class);

    private final ObjectStore objects;
    private final BatchStore batches;
    private final InvitationStore invitations;
    private final ChunkQueue queue;
    private final BatchCompletion completion;
    private final Tokens tokens;
    private final Clock clock;
    private final ChunkLimits limits;
    private final Duration repeatWindow;

    public BatchSplitter(ObjectStore objects, BatchStore batches, InvitationStore invitations, ChunkQueue queue,
                         BatchCompletion completion, Tokens tokens, Clock clock, ChunkLimits limits,
                         Duration repeatWindow) {
        this.objects = objects;
        this.batches = batches;
        this.invitations = invitations;
        this.queue = queue;
        this.completion = completion;
        this.tokens = tokens;
        this.clock = clock;
        this.limits = limits;
        this.repeatWindow = repeatWindow;
    }

    /** What became of an uploaded object. */
    public enum Outcome { QUEUED, REJECTED, DUPLICATE, REPEAT }

    /**
     * A request to stop a running batch: an object {@code incoming/cancel/<batch id>} (its content is not read).
     * The batch's chunks not started yet then finish at once, their rows Cancelled; see {@link BatchStore#cancel}.
     */
    public BatchStore.Cancel cancel(String requestKey) {
        String batchId = requestKey.substring(requestKey.lastIndexOf('/') + 1).strip();
        try (LogScope scope = LogScope.batch(batchId)) {
            BatchStore.Cancel outcome = batchId.isEmpty() ? BatchStore.Cancel.UNKNOWN
                    : batches.cancel(batchId, clock.instant());
            switch (outcome) {
                case CANCELLED -> LOG.info("batch cancelled ({}): its chunks not started will say Cancelled",
                        requestKey);
                case NOTHING_LEFT -> LOG.info("cancel request {}: every row of the batch was counted already,"
                        + " nothing to cancel", requestKey);
                case UNKNOWN -> LOG.warn("cancel request {} names no batch", requestKey);
            }
            return outcome;
        }
    }

    /** Whether an uploaded key asks to cancel a batch rather than to run one. */
    public static boolean isCancelRequest(String key) {
        return key.startsWith(CANCEL_PREFIX);
    }

    public Outcome split(BatchKind kind, SourceObject source) {
        String batchId = source.batchId();
        try (LogScope scope = LogScope.batch(batchId).kind(kind)) {
            Optional<BatchRecord> existing = batches.find(batchId);
            if (existing.isPresent() && existing.get().status() != BatchStatus.SPLITTING) {
                completion.check(batchId);
                LOG.info("upload {} registered before ({}): a repeated event, nothing queued", source.uri(),
                        existing.get().status());
                return Outcome.DUPLICATE;
            }
            BatchRecord batch = existing.orElseGet(() -> register(kind, source));
            if (batch.isRepeat()) {
                completion.awaitOriginal(batch);
                LOG.info("upload {} repeats batch {} (the same bytes and options): nothing created; its results"
                        + " are that batch's", source.uri(), batch.repeatOf());
                return Outcome.REPEAT;
            }
            if (batch.status() == BatchStatus.SPLITTING && batch.context().readsInput()) {
                enqueue(source, batch.context(), batch.counts().total());
                batches.markEnqueued(batchId);
            }
            completion.check(batchId);
            if (batch.status() == BatchStatus.REJECTED) {
                LOG.warn("upload {} rejected: {}", source.uri(), batch.error());
                return Outcome.REJECTED;
            }
            LOG.info("upload {} queued: {} rows", source.uri(), batch.counts().total());
            return Outcome.QUEUED;
        }
    }

    private BatchRecord register(BatchKind kind, SourceObject source) {
        Instant now = clock.instant();
        BatchRecord batch;
        try {
            Map<String, String> metadata = objects.metadata(source);
            BatchOptions options = BatchOptions.fromMetadata(kind, metadata);
            boolean newBatch = BatchOptions.Metadata.of(metadata).flag(NEW_BATCH, false);
            Invitation parent = options instanceof CreateOptions create && create.hasParent()
                    ? usableParent(create.parentToken(), now) : null;
            if (source.size() > limits.maxFileBytes()) {
                throw new BatchRejectedException("the file is " + source.size() / (1024 * 1024) + " MB, more than the "
                        + limits.maxFileBytes() / (1024 * 1024) + " MB a batch may have: split it into several files");
            }
            // An export's object is only a trigger: its content is not read, and it always runs anew.
            MessageDigest digest = RepeatKeys.start(kind, options);
            CsvFileScan.Scan scan = kind.columns().isEmpty() ? new CsvFileScan.Scan(null, 0)
                    : scan(source, kind.columns().get(), options.hasHeader(), digest);
            if (scan.rows() > limits.maxRows()) {
                throw new BatchRejectedException("the file has " + scan.rows() + " rows, more than the "
                        + limits.maxRows() + " a batch may have: split it into several files");
            }
            String holder = kind.columns().isEmpty() || newBatch || repeatWindow.isZero() ? source.batchId()
                    : batches.claimRepeatKey(RepeatKeys.finish(digest), source.batchId(), now, repeatWindow);
            batch = holder.equals(source.batchId())
                    ? BatchRecord.started(kind, source, scan.rows(), new BatchContext(source.batchId(), kind, now,
                            tokens.newBatchKey(), scan.layout(), options, parent))
                    : BatchRecord.repeating(kind, source, scan.rows(), now, holder);
        } catch (BatchRejectedException | CsvFileException | UploadReplacedException e) {
            batch = BatchRecord.rejected(kind, source, now, e.getMessage());
        }
        if (batches.register(batch)) {
            return batch;
        }
        // A duplicate event registered it first: carry on with its record, never with a second key.
        return batches.find(source.batchId()).orElseThrow();
    }

    private Invitation usableParent(String token, Instant now) {
        InvitationStore.StoredInvitation stored = invitations.find(token).orElseThrow(() ->
                new BatchRejectedException("option parent-token names no known invitation"));
        InvitationRules.parentUnusable(stored.invitation(), stored.revoked(), now).ifPresent(reason -> {
            throw new BatchRejectedException("option parent-token: " + reason);
        });
        return stored.invitation();
    }

    /** Pass one: the whole file must read cleanly before any row is queued; every byte of it goes to {@code digest}. */
    private CsvFileScan.Scan scan(SourceObject source, ColumnSet columns, boolean hasHeader, MessageDigest digest) {
        try (InputStream in = new DigestInputStream(objects.open(source), digest)) {
            // The scan closes what it reads: kept open here, so that bytes it did not need still reach the digest.
            CsvFileScan.Scan scan = CsvFileScan.scan(new FilterInputStream(in) {
                @Override
                public void close() {
                }
            }, columns, hasHeader, layout -> row -> { });
            in.transferTo(OutputStream.nullOutputStream());
            return scan;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** Pass two: the rows in chunks, sent in as few requests as the queue takes. */
    private void enqueue(SourceObject source, BatchContext context, long expectedRows) {
        ChunkSends sends = new ChunkSends(queue, limits.chunksPerSend());
        long rows = new Chunker(objects, limits).forEachChunk(source, context, sends);
        sends.flush();
        if (rows != expectedRows) {
            throw new IllegalStateException("the object changed between the two passes: " + rows
                    + " rows now, " + expectedRows + " before");
        }
    }

    /**
     * How rows are grouped into messages, and the largest batch accepted. {@code rowsPerChunk} is the template's
     * RowsPerChunk: the rows of a create file's chunk; see {@link #rowsPerChunk(BatchKind)} for the others.
     */
    public record ChunkLimits(int rowsPerChunk, int bytesPerChunk, int chunksPerSend, long maxRows,
                              long maxFileBytes) {
        public static final long MAX_ROWS = 1_000_000;
        public static final long MAX_FILE_BYTES = 1024L * 1024 * 1024;
        /**
         * The most rows in a chunk of an accept or revoke file: each of their rows costs several requests of its
         * own (a revocation about four), and a worker invocation takes 10 chunks within its 60 s timeout. A create
         * row costs two item writes, batched 25 to a request: its chunks can be larger, which spreads a chunk's
         * fixed requests (a read, a transaction, its share of the SQS calls) over more rows.
         */
        public static final int MAX_ROWS_PER_ACCEPT_OR_REVOKE_CHUNK = 100;

        public static ChunkLimits defaults() {
            return withRowsPerChunk(250);
        }

        /** The most rows in a chunk of a {@code kind} file (the byte limit may end a chunk sooner). */
        public int rowsPerChunk(BatchKind kind) {
            return kind == BatchKind.CREATE ? rowsPerChunk
                    : Math.min(rowsPerChunk, MAX_ROWS_PER_ACCEPT_OR_REVOKE_CHUNK);
        }

        public static ChunkLimits withRowsPerChunk(int rowsPerChunk) {
            return new ChunkLimits(rowsPerChunk, 24 * 1024, 10, MAX_ROWS, MAX_FILE_BYTES);
        }

        public ChunkLimits withMaxRows(long rows) {
            return new ChunkLimits(rowsPerChunk, bytesPerChunk, chunksPerSend, rows, maxFileBytes);
        }
    }
}
