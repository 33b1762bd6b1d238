package io.invitations.local.client;

import io.invitations.batch.SourceObject;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Puts a batch file into a bucket and names the upload as its S3 notification will. */
public final class BatchUpload {
    private BatchUpload() {
    }

    /**
     * Puts {@code file} at {@code key} with the options as user metadata. The upload is named by its version
     * (a versioned bucket, as deployed) or, on an unversioned bucket, by its listed time and ETag, the
     * sequencer the local server's notifications carry.
     */
    public static SourceObject put(S3Client s3, String bucket, String key, Path file, Map<String, String> metadata) {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata).contentType("text/csv"),
                RequestBody.fromFile(file));
        String eTag = put.eTag().replace("\"", "");
        if (put.versionId() != null) {
            return new SourceObject(bucket, key, put.versionId(), eTag, "", file.toFile().length());
        }
        S3Object listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the upload of " + key + " is not listed"));
        return new SourceObject(bucket, key, "", eTag, sequencerOf(listed), listed.size());
    }

    /**
     * The sequencer of an upload as a listing shows it: the same for every look at the same upload. Two uploads
     * of the same bytes to the same key within one second (the listing's precision) count as one.
     */
    public static String sequencerOf(S3Object listed) {
        return String.format("%016X", listed.lastModified().toEpochMilli()) + listed.eTag().replace("\"", "");
    }
}
