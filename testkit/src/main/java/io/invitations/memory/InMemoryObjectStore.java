package io.invitations.memory;

import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import io.invitations.store.ObjectStore;
import io.invitations.store.UploadReplacedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A versioned bucket in memory, as the deployed one: every upload is a version of its own (its id, ETag and
 * S3's per-upload sequencer in the {@link SourceObject} it returns); a pinned read of a version that was deleted
 * fails as S3 does; a streamed write becomes visible whole, or not at all.
 */
public final class InMemoryObjectStore implements ObjectStore {
    private final Map<String, List<Version>> objects = new TreeMap<>();
    private Predicate<String> refusedWrites = key -> false;
    private long uploads;

    private record Version(String versionId, String eTag, byte[] bytes, Map<String, String> metadata) {
    }

    /** Uploads {@code content} as a new version of {@code key}; returns the upload, as its S3 event names it. */
    public synchronized SourceObject put(String bucket, String key, byte[] content, Map<String, String> metadata) {
        uploads++;
        Version version = new Version("v" + uploads, md5(content), content.clone(), Map.copyOf(metadata));
        objects.computeIfAbsent(bucket + "/" + key, k -> new ArrayList<>()).add(version);
        return new SourceObject(bucket, key, version.versionId(), version.eTag(), String.format("%016X", uploads),
                content.length);
    }

    public SourceObject put(String bucket, String key, String content, Map<String, String> metadata) {
        return put(bucket, key, content.getBytes(StandardCharsets.UTF_8), metadata);
    }

    /** Deletes one version for good (as a lifecycle rule or an admin may). */
    public synchronized void deleteVersion(SourceObject upload) {
        List<Version> versions = objects.get(upload.bucket() + "/" + upload.key());
        if (versions != null) {
            versions.removeIf(v -> v.versionId().equals(upload.versionId()));
        }
    }

    /** Every version of {@code key} still kept, oldest first. */
    public synchronized List<String> contents(String bucket, String key) {
        return objects.getOrDefault(bucket + "/" + key, List.of()).stream()
                .map(v -> new String(v.bytes(), StandardCharsets.UTF_8)).toList();
    }

    /** The current content of {@code key}, if any. */
    public synchronized Optional<String> read(String bucket, String key) {
        List<Version> versions = objects.get(bucket + "/" + key);
        return versions == null || versions.isEmpty() ? Optional.empty()
                : Optional.of(new String(versions.get(versions.size() - 1).bytes(), StandardCharsets.UTF_8));
    }


    /** How many versions {@code key} has: how often it was written. */
    public synchronized int versions(String bucket, String key) {
        return objects.getOrDefault(bucket + "/" + key, List.of()).size();
    }

    @Override
    public synchronized Map<String, String> metadata(SourceObject source) {
        return pinned(source).metadata();
    }

    @Override
    public synchronized InputStream open(SourceObject source) {
        // As S3's response stream: once closed, it cannot be read (a ByteArrayInputStream could).
        return new FilterInputStream(new ByteArrayInputStream(pinned(source).bytes())) {
            private boolean closed;

            @Override
            public int read() throws IOException {
                ensureOpen();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                ensureOpen();
                return super.read(b, off, len);
            }

            @Override
            public void close() {
                closed = true;
            }

            private void ensureOpen() throws IOException {
                if (closed) {
                    throw new IOException("stream is closed");
                }
            }
        };
    }

    /** From now on, writes to keys that {@code refused} accepts fail as S3 refusing them would. */
    public synchronized void refuseWrites(Predicate<String> refused) {
        this.refusedWrites = refused;
    }

    @Override
    public void write(String bucket, String key, String contentType, Body body) {
        synchronized (this) {
            if (refusedWrites.test(key)) {
                throw new IllegalStateException("S3 refused the write of " + key + " (injected)");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(bucket, key, out.toByteArray(), Map.of("content-type", contentType));
    }

    @Override
    public void writeSummary(String bucket, String key, BatchSummary summary) {
        write(bucket, key, "application/json", out -> out.write(SummaryJson.write(summary)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private Version pinned(SourceObject source) {
        return objects.getOrDefault(source.bucket() + "/" + source.key(), List.of()).stream()
                .filter(v -> source.versionId().isEmpty() ? v.eTag().equals(source.eTag())
                        : v.versionId().equals(source.versionId()))
                .findFirst().orElseThrow(() -> UploadReplacedException.replacedOrDeleted(source.key()));
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
