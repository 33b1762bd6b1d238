package io.invitations.aws;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streams an object to S3 holding at most one part in memory: a single PUT when it fits in one part,
 * a multipart upload otherwise. The object appears only on {@link #close()}; {@link #abort()} removes
 * an unfinished upload so no orphaned parts are left (the bucket's lifecycle rule is the backstop).
 */
final class S3MultipartOutputStream extends OutputStream {
    static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** Grows up to one part, never beyond: the part is uploaded from it without a copy. */
    private byte[] buffer = new byte[64 * 1024];
    private int size;
    private String uploadId;
    private boolean closed;

    S3MultipartOutputStream(S3Client s3, String bucket, String key, String contentType, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.partSize = partSize;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
            }
            int n = Math.min(length, buffer.length - size);
            System.arraycopy(bytes, offset, buffer, size, n);
            size += n;
            offset += n;
            length -= n;
            if (size == partSize) {
                uploadPart();
            }
        }
    }

    /** The buffered bytes as a request body, read in place (again on a retry). */
    private RequestBody body() {
        byte[] bytes = buffer;
        int length = size;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, contentType);
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).contentType(contentType).build()).uploadId();
        }
        int number = parts.size() + 1;
        String eTag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(number).build(), body()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        size = 0;
    }

    /** Completes the object. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (uploadId == null) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                    body());
        } else {
            if (size > 0) {
                uploadPart();
            }
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                    .build());
        }
        closed = true;
    }

    /** Drops an unfinished upload; best effort, as it runs on a failure path already. */
    void abort() {
        if (closed || uploadId == null) {
            return;
        }
        closed = true;
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).build());
        } catch (RuntimeException ignored) {
            // the bucket's AbortIncompleteMultipartUpload lifecycle rule removes it later
        }
    }
}
