package io.invitations.local;

import io.invitations.aws.S3ObjectStore;
import io.invitations.batch.SourceObject;
import io.invitations.local.client.BatchUpload;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The object store contract, held by {@code S3ObjectStore} on the embedded S3 (an unversioned bucket). */
@ExtendWith(SharedPipeline.class)
class S3ObjectStoreContractTest extends ObjectStoreContract {
    @TempDir
    Path scratch;
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void connect(LocalPipeline pipeline) {
        s3 = pipeline.clients().s3();
        bucket = pipeline.resources().bucket();
    }

    @Override
    ObjectStore store() {
        return new S3ObjectStore(s3);
    }

    @Override
    String bucket() {
        return bucket;
    }

    @Override
    SourceObject put(String key, String content, Map<String, String> metadata) {
        try {
            Path file = Files.writeString(Files.createTempFile(scratch, "upload", ".csv"), content);
            return BatchUpload.put(s3, bucket, key, file, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Optional<String> read(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
