package io.invitations.local.runtime;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.invitations.batch.SourceObject;
import io.invitations.json.Json;
import io.invitations.local.client.BatchUpload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 ObjectCreated notification, as S3 sends it (the embedded S3 server has no notifications):
 * event version 2.1, the key URL-encoded the way S3 encodes it, a per-upload sequencer.
 * The embedded bucket may be unversioned (a data directory's), so the sequencer, and with it the batch id, is
 * derived from the upload as listed: whoever looks at an upload (a command, the server's watcher, a client
 * following its batch) names the same batch.
 */
public final class S3Notifications {
    private S3Notifications() {
    }

    /** The event S3 sends for an upload. */
    public static S3Event objectCreated(SourceObject upload) {
        return parse(objectCreatedJson(upload.bucket(), upload.key(), upload.size(), upload.eTag(), upload.versionId(),
                upload.sequencer()));
    }

    /** The event for an object as a listing of an unversioned bucket shows it. */
    public static S3Event objectCreated(String bucket, S3Object listed) {
        return objectCreated(new SourceObject(bucket, listed.key(), "", listed.eTag().replace("\"", ""),
                BatchUpload.sequencerOf(listed), listed.size()));
    }

    /** The event JSON for one created object. */
    public static String objectCreatedJson(String bucket, String key, long size, String eTag, String versionId,
                                           String sequencer) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            g.writeStartObject();
            g.writeStringField("eventVersion", "2.1");
            g.writeStringField("eventSource", "aws:s3");
            g.writeStringField("awsRegion", "us-east-1");
            g.writeStringField("eventTime", Instant.now().toString());
            g.writeStringField("eventName", "ObjectCreated:Put");
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField("principalId", "local");
            g.writeEndObject();
            g.writeObjectFieldStart("s3");
            g.writeStringField("s3SchemaVersion", "1.0");
            g.writeStringField("configurationId", "incoming-create");
            g.writeObjectFieldStart("bucket");
            g.writeStringField("name", bucket);
            g.writeStringField("arn", "arn:aws:s3:::" + bucket);
            g.writeObjectFieldStart("ownerIdentity");
            g.writeStringField("principalId", "local");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("object");
            g.writeStringField("key", encodeKey(key));
            g.writeNumberField("size", size);
            g.writeStringField("eTag", eTag);
            if (versionId != null && !versionId.isEmpty()) {
                g.writeStringField("versionId", versionId);
            }
            g.writeStringField("sequencer", sequencer);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Parses event JSON with the Lambda Java runtime's own serializer. */
    public static S3Event parse(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, S3Notifications.class.getClassLoader())
                .fromJson(json);
    }

    /** S3 form-encodes keys in events: a space becomes '+', a '+' becomes %2B, '/' stays. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
