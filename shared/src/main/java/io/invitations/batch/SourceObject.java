package io.invitations.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The uploaded object a batch comes from, as an S3 event names it (key already URL-decoded).
 * {@code versionId} is empty on an unversioned bucket; {@code sequencer} then tells two uploads apart.
 */
public record SourceObject(String bucket, String key, String versionId, String eTag, String sequencer, long size) {
    public SourceObject {
        versionId = versionId == null ? "" : versionId;
        eTag = eTag == null ? "" : eTag;
        sequencer = sequencer == null ? "" : sequencer;
    }

    /**
     * The batch id: the same for every delivery of the same upload's event, different for each upload
     * (object version, or S3's per-upload sequencer when the bucket is not versioned).
     */
    public String batchId() {
        String upload = !versionId.isEmpty() ? "version:" + versionId
                : !sequencer.isEmpty() ? "sequencer:" + sequencer : "etag:" + eTag;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((bucket + "\n" + key + "\n" + upload).getBytes(StandardCharsets.UTF_8));
            return "b-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
