package io.invitations.local.runtime;

import io.invitations.batch.BatchKind;
import io.invitations.local.runtime.ServerState.Info;
import io.invitations.local.runtime.ServerState.Origin;
import io.invitations.pipeline.BatchSplitter;
import io.invitations.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    private static final long WATCH_INTERVAL_MILLIS = 500;
    private static final long QUIET_WATCH_INTERVAL_MILLIS = 10_000;

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
        return startMarked(dataDir, s3Port, settings, interceptor, pipeline -> {
            int resumed = pipeline.pipeline().services().resumption().resumeAll();
            pipeline.startEventSources();
            IncomingWatcher watcher = new IncomingWatcher(pipeline.clients().s3(), pipeline.resources().bucket(),
                    BatchKind.INCOMING, WATCH_INTERVAL_MILLIS, QUIET_WATCH_INTERVAL_MILLIS,
                    origin.background() ? new Quiet(dataDir, pipeline) : () -> false, pipeline::deliver);
            LocalServer server = new LocalServer(dataDir, pipeline, watcher, resumed, Info.of(pipeline, settings,
                    origin));
            ServerState.markUsed(dataDir);
            server.info.write(dataDir.resolve(ServerState.INFO_FILE));
            return server;
        });
    }

    /**
     * The start protocol of a server and of a command's own pipeline: the data directory locked, marked starting
     * (the other commands wait) until {@code ready} has said where the pipeline is, or failed (the pipeline closed).
     */
    private static <T> T startMarked(Path dataDir, int s3Port, StackSettings settings, ExecutionInterceptor interceptor,
                                     PipelineReady<T> ready) throws Exception {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        Path starting = ServerState.markStarting(dataDir, ProcessHandle.current().pid());
        try {
            LocalPipeline pipeline = LocalPipeline.serving(lock, dataDir, s3Port, settings, interceptor);
            try {
                return ready.apply(pipeline);
            } catch (Exception e) {
                pipeline.close();
                throw e;
            }
        } finally {
            Files.deleteIfExists(starting);
        }
    }

    @FunctionalInterface
    private interface PipelineReady<T> {
        T apply(LocalPipeline pipeline) throws Exception;
    }

    /** Where this server is, as the other commands read it. */
    public Info info() {
        return info;
    }

    /** How long no command has used this server (see {@link ServerState#markUsed}) and nothing has been queued. */
    public Duration idleFor(Instant now) throws IOException {
        if (pipeline.hasQueuedWork()) {
            ServerState.markUsed(dataDir);
        }
        return ServerState.unusedFor(dataDir, now);
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
            boolean now = ServerState.quietOn(dataDir, Instant.now());
            if (now != quiet) {
                quiet = now;
                pipeline.quiet(now);
            }
            return now;
        }
    }

    /** How many unfinished batches were picked up on start. */
    public int resumed() {
        return resumed;
    }

    public LocalPipeline pipeline() {
        return pipeline;
    }

    /**
     * Starts a command's own pipeline on {@code dataDir} so that other commands can reach it while it runs (see
     * {@link ServerState#commandOn}): marked starting (they wait for it) until its servers are up and where they are is
     * written; it watches {@code incoming/cancel/}, as the server watches all of {@code incoming/}.
     */
    public static LocalPipeline startForCommand(Path dataDir, StackSettings settings) throws Exception {
        return startMarked(dataDir, 0, settings, null, pipeline -> {
            IncomingWatcher cancels = new IncomingWatcher(pipeline.clients().s3(), pipeline.resources().bucket(),
                    BatchSplitter.CANCEL_PREFIX, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS, () -> false,
                    pipeline::deliver);
            Path file = dataDir.resolve(ServerState.COMMAND_FILE);
            Info.of(pipeline, settings, Origin.COMMAND).write(file);
            pipeline.closeFirst(() -> {
                Files.deleteIfExists(file);
                cancels.close();
            });
            return pipeline;
        });
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
            ServerState.stopping(dataDir);
            pipeline.close();
        }
    }

}
