package io.invitations.aws;

import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import io.invitations.store.ObjectStore;
import io.invitations.store.UploadReplacedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The bucket on S3. Reads pin the exact upload (version id, else ETag); writes stream with multipart. */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final int partSize;

    public S3ObjectStore(S3Client s3, int partSize) {
        this.s3 = s3;
        this.partSize = partSize;
    }

    public S3ObjectStore(S3Client s3) {
        this(s3, S3MultipartOutputStream.DEFAULT_PART_SIZE);
    }

    @Override
    public Map<String, String> metadata(SourceObject source) {
        HeadObjectRequest.Builder head = HeadObjectRequest.builder().bucket(source.bucket()).key(source.key());
        if (!source.versionId().isEmpty()) {
            head.versionId(source.versionId());
        } else if (!source.eTag().isEmpty()) {
            head.ifMatch(quoted(source.eTag()));
        }
        try {
            return s3.headObject(head.build()).metadata();
        } catch (S3Exception e) {
            throw gone(source, e);
        }
    }

    @Override
    public InputStream open(SourceObject source) {
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(source.bucket()).key(source.key());
        if (!source.versionId().isEmpty()) {
            get.versionId(source.versionId());
        } else if (!source.eTag().isEmpty()) {
            get.ifMatch(quoted(source.eTag()));
        }
        try {
            return s3.getObject(get.build());
        } catch (S3Exception e) {
            throw gone(source, e);
        }
    }

    /**
     * 404 and 412 on a pinned read mean the upload was replaced or deleted. So does 403: S3 answers 403, not 404,
     * for a missing key or version to a reader without s3:ListBucket (the functions have none), and retrying a 403
     * only loses the batch. Anything else is retried.
     */
    private static RuntimeException gone(SourceObject source, S3Exception e) {
        if (e.statusCode() == 404 || e.statusCode() == 412) {
            return UploadReplacedException.replacedOrDeleted(source.key());
        }
        if (e.statusCode() == 403) {
            return new UploadReplacedException("the uploaded file " + source.key() + " could not be read: S3 "
                    + "answered 403 Access Denied, as it does for an upload deleted since it was made (upload it "
                    + "again; if it is still in the bucket, the splitter's role may not read it)");
        }
        return e;
    }

    @Override
    public void write(String bucket, String key, String contentType, Body body) {
        S3MultipartOutputStream out = new S3MultipartOutputStream(s3, bucket, key, contentType, partSize);
        try {
            body.writeTo(out);
            out.close();
        } catch (IOException e) {
            out.abort();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            out.abort();
            throw e;
        }
    }

    @Override
    public void writeSummary(String bucket, String key, BatchSummary summary) {
        write(bucket, key, "application/json", out -> out.write(SummaryJson.write(summary)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** S3 events carry the ETag bare; an If-Match header wants it quoted. */
    private static String quoted(String eTag) {
        return eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    }
}
