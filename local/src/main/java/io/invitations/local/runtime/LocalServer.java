package io.invitations.local.runtime;

import io.invitations.local.client.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The whole pipeline kept running for other clients ({@code ./invitations serve}): the embedded servers on
 * 127.0.0.1 with S3 on a known port taking any credentials, uploads under {@code incoming/} noticed as S3
 * notifications, the event sources polling. Unfinished batches are picked up on start (the queues are in
 * memory; tables and objects persist in the data directory). While it runs, {@code serve.properties} in the
 * data directory tells the other commands where it is.
 */
public final class LocalServer implements AutoCloseable {
    private static final String INFO_FILE = "serve.properties";
    private static final long WATCH_INTERVAL_MILLIS = 500;

    private final Path dataDir;
    private final LocalPipeline pipeline;
    private final IncomingWatcher watcher;
    private final int resumed;

    private LocalServer(Path dataDir, LocalPipeline pipeline, IncomingWatcher watcher, int resumed) {
        this.dataDir = dataDir;
        this.pipeline = pipeline;
        this.watcher = watcher;
        this.resumed = resumed;
    }

    public static LocalServer start(Path dataDir, int s3Port, LocalSettings settings) throws Exception {
        return start(dataDir, s3Port, settings, null);
    }

    /** As {@link #start(Path, int, LocalSettings)}, every SDK call of the pipeline seen by {@code interceptor}. */
    public static LocalServer start(Path dataDir, int s3Port, LocalSettings settings, ExecutionInterceptor interceptor)
            throws Exception {
        LocalPipeline pipeline = LocalPipeline.serving(dataDir, s3Port, settings, interceptor);
        try {
            int resumed = pipeline.pipeline().resumption().resumeAll();
            pipeline.startEventSources();
            IncomingWatcher watcher = new IncomingWatcher(pipeline.clients().s3(), pipeline.resources().bucket(),
                    WATCH_INTERVAL_MILLIS, pipeline::deliver);
            LocalServer server = new LocalServer(dataDir, pipeline, watcher, resumed);
            server.info().write(dataDir.resolve(INFO_FILE));
            return server;
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    /** Where this server is, as the other commands read it. */
    public Info info() {
        return new Info(pipeline.endpoints().s3(), pipeline.endpoints().dynamo(), pipeline.endpoints().sqs(),
                pipeline.resources().deployment());
    }

    /** How many unfinished batches were picked up on start. */
    public int resumed() {
        return resumed;
    }

    public LocalPipeline pipeline() {
        return pipeline;
    }

    /** The server running on {@code dataDir}, if one is. */
    public static Optional<Info> runningOn(Path dataDir) throws IOException {
        Path file = dataDir.resolve(INFO_FILE);
        if (!Files.isRegularFile(file) || !DataDirectoryLock.isHeld(dataDir)) {
            return Optional.empty();
        }
        return Optional.of(Info.read(file));
    }

    /**
     * Stops noticing uploads (after a last look), lets the invocations under way finish, stops the servers.
     * Rows still queued are queued again on the next start.
     */
    @Override
    public void close() throws Exception {
        try {
            watcher.close();
        } finally {
            Files.deleteIfExists(dataDir.resolve(INFO_FILE));
            pipeline.close();
        }
    }

    /** A running server's endpoints and names. */
    public record Info(URI s3, URI dynamo, URI sqs, Deployment deployment) {
        void write(Path file) throws IOException {
            Properties properties = new Properties();
            properties.setProperty("s3", s3.toString());
            properties.setProperty("dynamodb", dynamo.toString());
            properties.setProperty("sqs", sqs.toString());
            properties.setProperty("bucket", deployment.bucket());
            properties.setProperty("batches-table", deployment.batchesTable());
            properties.setProperty("invitations-table", deployment.invitationsTable());
            properties.setProperty("registry-table", deployment.registryTable());
            properties.setProperty("profiles-table", deployment.profilesTable());
            properties.setProperty("splitter-failure-queue", deployment.splitterFailureQueue());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "invitations serve: where the running server is");
            }
        }

        static Info read(Path file) throws IOException {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            }
            return new Info(URI.create(properties.getProperty("s3")), URI.create(properties.getProperty("dynamodb")),
                    URI.create(properties.getProperty("sqs")), new Deployment(properties.getProperty("bucket"),
                    properties.getProperty("batches-table"), properties.getProperty("invitations-table"),
                    properties.getProperty("registry-table"), properties.getProperty("profiles-table"),
                    properties.getProperty("splitter-failure-queue")));
        }
    }
}
