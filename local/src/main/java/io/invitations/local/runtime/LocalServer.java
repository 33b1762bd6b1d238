package io.invitations.local.runtime;

import io.invitations.stack.StackSettings;
import io.invitations.batch.BatchKind;
import io.invitations.local.client.Deployment;
import io.invitations.pipeline.BatchSplitter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
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
    /** Where a command running the pipeline in its own process says so, for {@code status} and {@code cancel}. */
    private static final String COMMAND_FILE = "command.properties";
    private static final String USED_FILE = "serve.used";
    private static final String STARTING_FILE = "serve.starting";
    private static final long STARTING_POLL_MILLIS = 20;
    private static final long WATCH_INTERVAL_MILLIS = 500;
    private static final long QUIET_WATCH_INTERVAL_MILLIS = 10_000;
    private static final Duration QUIET_AFTER = Duration.ofMinutes(1);

    private final Path dataDir;
    private final LocalPipeline pipeline;
    private final IncomingWatcher watcher;
    private final int resumed;
    private final Info info;

    private LocalServer(Path dataDir, LocalPipeline pipeline, IncomingWatcher watcher, int resumed, Info info) {
        this.dataDir = dataDir;
        this.pipeline = pipeline;
        this.watcher = watcher;
        this.resumed = resumed;
        this.info = info;
    }

    public static LocalServer start(Path dataDir, int s3Port, StackSettings settings) throws Exception {
        return start(dataDir, s3Port, settings, null, Origin.SERVE);
    }

    /** As {@link #start(Path, int, StackSettings)}, every SDK call of the pipeline seen by {@code interceptor}. */
    public static LocalServer start(Path dataDir, int s3Port, StackSettings settings, ExecutionInterceptor interceptor)
            throws Exception {
        return start(dataDir, s3Port, settings, interceptor, Origin.SERVE);
    }

    /** As {@link #start(Path, int, StackSettings)}, telling the other commands how it was started. */
    public static LocalServer start(Path dataDir, int s3Port, StackSettings settings, ExecutionInterceptor interceptor,
                                    Origin origin) throws Exception {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        // Whether it starts or fails, no command waits for it once this returns.
        Path starting = markStarting(dataDir, ProcessHandle.current().pid());
        try {
            LocalPipeline pipeline = LocalPipeline.serving(lock, dataDir, s3Port, settings, interceptor);
            try {
                int resumed = pipeline.pipeline().services().resumption().resumeAll();
                pipeline.startEventSources();
                IncomingWatcher watcher = new IncomingWatcher(pipeline.clients().s3(), pipeline.resources().bucket(),
                        BatchKind.INCOMING, WATCH_INTERVAL_MILLIS, QUIET_WATCH_INTERVAL_MILLIS,
                        origin.background() ? new Quiet(dataDir, pipeline) : () -> false, pipeline::deliver);
                LocalServer server = new LocalServer(dataDir, pipeline, watcher, resumed,
                        new Info(pipeline.endpoints().s3(), pipeline.endpoints().dynamo(), pipeline.endpoints().sqs(),
                                pipeline.resources().deployment(), ProcessHandle.current().pid(),
                                settings.workerConcurrency(), origin));
                markUsed(dataDir);
                server.info.write(dataDir.resolve(INFO_FILE));
                return server;
            } catch (Exception e) {
                pipeline.close();
                throw e;
            }
        } finally {
            Files.deleteIfExists(starting);
        }
    }

    /** Where this server is, as the other commands read it. */
    public Info info() {
        return info;
    }

    /** How long no command has used this server (see {@link #markUsed}) and no message has been queued. */
    public Duration idleFor(Instant now) throws IOException {
        if (pipeline.hasQueuedWork()) {
            markUsed(dataDir);
        }
        return unusedFor(dataDir, now);
    }

    private static Duration unusedFor(Path dataDir, Instant now) throws IOException {
        return Duration.between(Files.getLastModifiedTime(dataDir.resolve(USED_FILE)).toInstant(), now);
    }

    /**
     * A background server no command has used for a minute (and with nothing queued: {@link #idleFor} marks it
     * used then) is quiet: its watcher lists {@code incoming/} every 10 s instead of 0.5 s and its idle pollers
     * pause longer, a few receives a minute instead of two hundred. A command marks it used before it uploads:
     * the watcher's next tick (0.5 s) finds it no longer quiet. Asked by the watcher's thread alone.
     */
    private static final class Quiet implements BooleanSupplier {
        private final Path dataDir;
        private final LocalPipeline pipeline;
        private boolean quiet;

        Quiet(Path dataDir, LocalPipeline pipeline) {
            this.dataDir = dataDir;
            this.pipeline = pipeline;
        }

        @Override
        public boolean getAsBoolean() {
            boolean now;
            try {
                now = unusedFor(dataDir, Instant.now()).compareTo(QUIET_AFTER) >= 0;
            } catch (IOException e) {
                now = false;
            }
            if (now != quiet) {
                quiet = now;
                pipeline.quiet(now);
            }
            return now;
        }
    }

    /** Tells the server running on {@code dataDir} that a command uses it now: it is not idle. */
    public static void markUsed(Path dataDir) throws IOException {
        Path used = dataDir.resolve(USED_FILE);
        if (!Files.exists(used)) {
            Files.createFile(used);
        }
        Files.setLastModifiedTime(used, FileTime.from(Instant.now()));
    }

    /** How many unfinished batches were picked up on start. */
    public int resumed() {
        return resumed;
    }

    public LocalPipeline pipeline() {
        return pipeline;
    }

    /**
     * The server running on {@code dataDir}, once started if one is starting there: waits for it (as long as
     * {@code timeout}) rather than finding the data directory in use.
     */
    public static Optional<Info> awaitRunningOn(Path dataDir, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (startingOn(dataDir) && System.nanoTime() < deadline) {
            Thread.sleep(STARTING_POLL_MILLIS);
        }
        return runningOn(dataDir);
    }

    /**
     * Says that process {@code pid} is starting a server on {@code dataDir}: from then until its info is written
     * (or the process ends), the commands wait for it instead of starting their own pipeline.
     */
    public static Path markStarting(Path dataDir, long pid) throws IOException {
        Path starting = dataDir.resolve(STARTING_FILE);
        // Written whole, then moved into place: a command polling it never reads it empty.
        Path written = Files.writeString(dataDir.resolve(STARTING_FILE + "." + ProcessHandle.current().pid()),
                String.valueOf(pid));
        return Files.move(written, starting, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** True while a live process is starting a server on {@code dataDir}. */
    private static boolean startingOn(Path dataDir) throws IOException {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve(STARTING_FILE)).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NoSuchFileException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * A command running the pipeline in its own process on {@code dataDir} (the first command on a fresh data
     * directory, or one that found no server), once started if it is starting: {@code status} and {@code cancel}
     * from another terminal go through its servers while it runs. Empty when none runs.
     */
    public static Optional<Info> commandOn(Path dataDir, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (startingOn(dataDir) && System.nanoTime() < deadline) {
            Thread.sleep(STARTING_POLL_MILLIS);
        }
        Path file = dataDir.resolve(COMMAND_FILE);
        if (!Files.isRegularFile(file) || !DataDirectoryLock.isHeld(dataDir)) {
            return Optional.empty();
        }
        Info info = Info.read(file);
        return ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false) ? Optional.of(info)
                : Optional.empty();
    }

    /**
     * Starts a command's own pipeline on {@code dataDir} so that other commands can reach it while it runs (see
     * {@link #commandOn}): marked starting (they wait for it) until its servers are up and where they are is
     * written; it watches {@code incoming/cancel/}, as the server watches all of {@code incoming/}.
     */
    public static LocalPipeline startForCommand(Path dataDir, StackSettings settings) throws Exception {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        Path starting = markStarting(dataDir, ProcessHandle.current().pid());
        try {
            LocalPipeline pipeline = LocalPipeline.serving(lock, dataDir, 0, settings, null);
            try {
                IncomingWatcher cancels = new IncomingWatcher(pipeline.clients().s3(), pipeline.resources().bucket(),
                        BatchSplitter.CANCEL_PREFIX, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS, () -> false,
                        pipeline::deliver);
                Path file = dataDir.resolve(COMMAND_FILE);
                new Info(pipeline.endpoints().s3(), pipeline.endpoints().dynamo(), pipeline.endpoints().sqs(),
                        pipeline.resources().deployment(), ProcessHandle.current().pid(),
                        settings.workerConcurrency(), Origin.COMMAND).write(file);
                pipeline.closeFirst(() -> {
                    Files.deleteIfExists(file);
                    cancels.close();
                });
                return pipeline;
            } catch (Exception e) {
                pipeline.close();
                throw e;
            }
        } finally {
            Files.deleteIfExists(starting);
        }
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

    /**
     * How a server was started: by the user ({@code serve}), or in the background by a command that found none
     * running; and {@code build}, the launcher's build it runs ("" when not started by the launcher).
     */
    public record Origin(boolean background, String build) {
        public static final Origin SERVE = new Origin(false, "");
        /** A command's own pipeline, not a server (see {@link #commandOn}). */
        public static final Origin COMMAND = new Origin(false, "command");
    }

    /** A running server's endpoints and names, its process, its workers' concurrency and its origin. */
    public record Info(URI s3, URI dynamo, URI sqs, Deployment deployment, long pid, int workers, Origin origin) {
        /** Written whole, then moved into place: a command never reads half of it. */
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
            properties.setProperty("pid", String.valueOf(pid));
            properties.setProperty("workers", String.valueOf(workers));
            properties.setProperty("background", String.valueOf(origin.background()));
            properties.setProperty("build", origin.build());
            Path written = file.resolveSibling(file.getFileName() + ".new");
            try (Writer out = Files.newBufferedWriter(written)) {
                properties.store(out, "invitations serve: where the running server is");
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
                    properties.getProperty("splitter-failure-queue")), Long.parseLong(properties.getProperty("pid", "-1")),
                    Integer.parseInt(properties.getProperty("workers", "0")), new Origin(
                    Boolean.parseBoolean(properties.getProperty("background")), properties.getProperty("build", "")));
        }
    }
}
