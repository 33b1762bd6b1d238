package io.invitations.local.runtime;

import io.invitations.local.client.Deployment;
import io.invitations.stack.StackSettings;
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

/**
 * A server's life on its data directory, kept in one place: the files through which the commands of every process
 * see it. A server (or a command's own pipeline) is
 * <ul>
 *   <li><b>starting</b> while {@code serve.starting} names a live process: commands wait for it rather than start
 *       their own pipeline ({@link #markStarting}, {@link #awaitStarted});</li>
 *   <li><b>running</b> once {@code serve.properties} says where it is (a command's own pipeline:
 *       {@code command.properties}), the data directory locked ({@link #runningOn}, {@link #commandOn});</li>
 *   <li><b>used</b> when a command last touched {@code serve.used} ({@link #markUsed}), or work was queued;</li>
 *   <li><b>quiet</b> once unused for {@link #QUIET_AFTER} (a background server: it polls less,
 *       {@link #quietOn});</li>
 *   <li><b>stopping</b> once its info file is gone: no new command finds it, the invocations under way finish,
 *       and the lock is released when its servers are closed ({@link #stopping}).</li>
 * </ul>
 */
public final class ServerState {
    static final String INFO_FILE = "serve.properties";
    /** Where a command running the pipeline in its own process says so, for {@code status} and {@code cancel}. */
    static final String COMMAND_FILE = "command.properties";
    private static final String USED_FILE = "serve.used";
    private static final String STARTING_FILE = "serve.starting";
    private static final long STARTING_POLL_MILLIS = 20;
    /** A background server unused this long is quiet. */
    static final Duration QUIET_AFTER = Duration.ofMinutes(1);

    private ServerState() {
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

    /** Waits (at most {@code timeout}) while a server is starting on {@code dataDir}: another process's, polled. */
    private static void awaitStarted(Path dataDir, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (startingOn(dataDir) && System.nanoTime() < deadline) {
            Thread.sleep(STARTING_POLL_MILLIS);
        }
    }

    /**
     * The server running on {@code dataDir}, once started if one is starting there: waits for it (as long as
     * {@code timeout}) rather than finding the data directory in use.
     */
    public static Optional<Info> awaitRunningOn(Path dataDir, Duration timeout) throws Exception {
        awaitStarted(dataDir, timeout);
        return runningOn(dataDir);
    }

    /**
     * A command running the pipeline in its own process on {@code dataDir} (the first command on a fresh data
     * directory, or one that found no server), once started if it is starting: {@code status} and {@code cancel}
     * from another terminal go through its servers while it runs. Empty when none runs.
     */
    public static Optional<Info> commandOn(Path dataDir, Duration timeout) throws Exception {
        awaitStarted(dataDir, timeout);
        Path file = dataDir.resolve(COMMAND_FILE);
        if (!Files.isRegularFile(file) || !DataDirectoryLock.isHeld(dataDir)) {
            return Optional.empty();
        }
        Info info = Info.read(file);
        return ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false) ? Optional.of(info)
                : Optional.empty();
    }

    /** The server running on {@code dataDir}, if one is. */
    public static Optional<Info> runningOn(Path dataDir) throws IOException {
        Path file = dataDir.resolve(INFO_FILE);
        if (!Files.isRegularFile(file) || !DataDirectoryLock.isHeld(dataDir)) {
            return Optional.empty();
        }
        return Optional.of(Info.read(file));
    }

    /** Tells the server running on {@code dataDir} that a command uses it now: it is not idle. */
    public static void markUsed(Path dataDir) throws IOException {
        Path used = dataDir.resolve(USED_FILE);
        if (!Files.exists(used)) {
            Files.createFile(used);
        }
        Files.setLastModifiedTime(used, FileTime.from(Instant.now()));
    }

    /** How long no command has used the server on {@code dataDir}. */
    static Duration unusedFor(Path dataDir, Instant now) throws IOException {
        return Duration.between(Files.getLastModifiedTime(dataDir.resolve(USED_FILE)).toInstant(), now);
    }

    /** Whether the server on {@code dataDir} is quiet: unused for {@link #QUIET_AFTER}. */
    static boolean quietOn(Path dataDir, Instant now) {
        try {
            return unusedFor(dataDir, now).compareTo(QUIET_AFTER) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stopping: the info file goes first, so that no new command finds the server while its work finishes. */
    static void stopping(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(INFO_FILE));
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
        /** Where {@code pipeline}, started in this process, is. */
        static Info of(LocalPipeline pipeline, StackSettings settings, Origin origin) {
            return new Info(pipeline.endpoints().s3(), pipeline.endpoints().dynamo(), pipeline.endpoints().sqs(),
                    pipeline.resources().deployment(), ProcessHandle.current().pid(), settings.workerConcurrency(),
                    origin);
        }

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
