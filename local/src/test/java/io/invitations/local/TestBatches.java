package io.invitations.local;

import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.opencsv.CSVReader;
import io.invitations.batch.BatchRecord;
import io.invitations.batch.ResultKeys;
import io.invitations.batch.SourceObject;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.splitter.SplitterHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Drops files into the local pipeline's bucket and reads what comes out, as an admin would. */
final class TestBatches {
    private final LocalPipeline pipeline;
    private final Path scratch;

    TestBatches(LocalPipeline pipeline, Path scratch) {
        this.pipeline = pipeline;
        this.scratch = scratch;
    }

    /** What a finished batch left in the bucket. */
    record Finished(BatchRecord batch, String summaryJson, List<String[]> results) {
        /** Data rows of the results CSV (header dropped). */
        List<String[]> rows() {
            return results.isEmpty() ? List.of() : results.subList(1, results.size());
        }
    }

    S3Event upload(String key, byte[] content, Map<String, String> metadata) {
        try {
            Path file = Files.createTempFile(scratch, "upload", ".csv");
            Files.write(file, content);
            return pipeline.upload(key, file, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    S3Event upload(String key, String content, Map<String, String> metadata) {
        return upload(key, content.getBytes(StandardCharsets.UTF_8), metadata);
    }

    /** Uploads, delivers the S3 event, and waits until the batch's outputs are written. */
    Finished run(String key, String content, Map<String, String> metadata) {
        S3Event event = upload(key, content, metadata);
        pipeline.deliver(event);
        return awaitFinished(event, Duration.ofSeconds(120));
    }

    Finished run(String key, String content) {
        return run(key, content, Map.of());
    }

    static SourceObject sourceOf(S3Event event) {
        return SplitterHandler.sourceOf(event.getRecords().get(0));
    }

    Finished awaitFinished(S3Event event, Duration timeout) {
        SourceObject source = sourceOf(event);
        BatchRecord batch = await("the batch of " + source.key()).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> pipeline.pipeline().batches().find(source.batchId()),
                        found -> found.isPresent() && found.get().isFinished()).orElseThrow();
        ResultKeys keys = ResultKeys.of(batch.kind(), source.key(), batch.times().started());
        return new Finished(batch, read(keys.summary()).orElseThrow(),
                read(keys.results()).map(TestBatches::parseCsv).orElse(List.of()));
    }

    Optional<String> read(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = pipeline.clients().s3().getObjectAsBytes(
                    b -> b.bucket(pipeline.resources().bucket()).key(key));
            return Optional.of(bytes.asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Invitations and registry items stored so far (a full scan: small test tables only). */
    int invitationCount() {
        return pipeline.clients().dynamo().scan(b -> b.tableName(pipeline.resources().config().invitationsTable())
                .select("COUNT")).count();
    }

    static List<String[]> parseCsv(String text) {
        try (CSVReader reader = new CSVReader(new java.io.StringReader(text))) {
            return new ArrayList<>(reader.readAll());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of the repository's samples/, the files the README's first command uses. */
    static String sample(String name) {
        try {
            return Files.readString(Path.of("..", "samples", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
