package io.invitations.aws;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
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
    private ByteArrayOutputStream buffer;
    private String uploadId;
    private boolean closed;

    S3MultipartOutputStream(S3Client s3, String bucket, String key, String contentType, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.partSize = partSize;
        this.buffer = new ByteArrayOutputStream(Math.min(partSize, 64 * 1024));
    }

    @Override
    public void write(int b) {
        buffer.write(b);
        flushFullPart();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
        flushFullPart();
    }

    private void flushFullPart() {
        if (buffer.size() >= partSize) {
            uploadPart();
        }
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).contentType(contentType).build()).uploadId();
        }
        int number = parts.size() + 1;
        String eTag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(number).build(), RequestBody.fromBytes(buffer.toByteArray())).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        buffer = new ByteArrayOutputStream(Math.min(partSize, 64 * 1024));
    }

    /** Completes the object. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (uploadId == null) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                    RequestBody.fromBytes(buffer.toByteArray()));
        } else {
            if (buffer.size() > 0) {
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
