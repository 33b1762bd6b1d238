package io.invitations.local.runtime;

import io.invitations.stack.StackSettings;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.aggregator.AggregatorHandler;
import io.invitations.aggregator.SweeperHandler;
import io.invitations.aws.AwsClients;
import io.invitations.aws.AwsPipeline;
import io.invitations.observe.PipelineObserver;
import io.invitations.aws.Operations;
import io.invitations.aws.lambda.LocalContext;
import io.invitations.aws.lambda.Primed;
import io.invitations.local.client.BatchUpload;
import io.invitations.local.operations.LocalOperations;
import io.invitations.splitter.SplitterHandler;
import io.invitations.worker.DeadLetterHandler;
import io.invitations.worker.WorkerHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole product on one machine: the embedded servers, the resources of template.yaml, the three real
 * handlers, S3 notifications to the splitter (with Lambda's asynchronous retries) and SQS event sources
 * for the worker, the aggregator and the work queue's dead letters, configured as the template does.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

    private final DataDirectoryLock lock;
    private final EmbeddedServers servers;
    private final AwsClients clients;
    private final LocalResources resources;
    private final StackSettings settings;
    private final SplitterHandler splitter;
    private final WorkerHandler worker;
    private final AggregatorHandler aggregator;
    private final DeadLetterHandler deadLetters;
    private final SweeperHandler sweeper;
    private final AwsPipeline pipeline;
    private final LocalOperations operations;
    private final Clock clock;
    /** Volatile: the splitter's invocation (another thread) wakes its pollers. */
    private volatile SqsEventSource workerSource;
    private SqsEventSource aggregatorSource;
    private SqsEventSource deadLetterSource;
    private AutoCloseable first = () -> { };

    private LocalPipeline(DataDirectoryLock lock, EmbeddedServers servers, StackSettings settings,
                          LocalOperations operations, Clock clock, ExecutionInterceptor interceptor,
                          PipelineObserver watcher) {
        this.lock = lock;
        this.servers = servers;
        this.settings = settings;
        this.operations = operations;
        this.clock = clock;
        this.clients = LocalClients.forEndpoints(servers.endpoints(), interceptor, AwsClients.Http.URL_CONNECTION);
        this.resources = LocalResources.create(clients, settings);
        Operations reported = operations.operations();
        this.pipeline = new AwsPipeline(clients, resources.config(), new Operations(PipelineObserver.all(
                List.of(reported.metrics(), watcher)), reported.completionEvents()), clock);
        // Nothing to snapshot here: the services without SnapStart priming.
        this.splitter = new SplitterHandler(Primed.unprimed(pipeline.services().splitter()));
        this.worker = new WorkerHandler(Primed.unprimed(pipeline.services().chunkProcessor()));
        this.aggregator = new AggregatorHandler(Primed.unprimed(pipeline.services().aggregator()));
        this.deadLetters = new DeadLetterHandler(Primed.unprimed(pipeline.services().chunkProcessor()));
        this.sweeper = new SweeperHandler(Primed.unprimed(pipeline.services().sweeper()));
    }

    /**
     * Starts servers and resources; {@code dataDir} null keeps all state in memory.
     * Event sources are not started: call {@link #startEventSources()}.
     */
    public static LocalPipeline start(Path dataDir, StackSettings settings, Clock clock,
                                      ExecutionInterceptor interceptor) throws Exception {
        return start(dataDir, settings, clock, interceptor, PipelineObserver.NONE);
    }

    /** As {@link #start(Path, StackSettings, Clock, ExecutionInterceptor)}, {@code watcher} told what the metrics are. */
    public static LocalPipeline start(Path dataDir, StackSettings settings, Clock clock,
                                      ExecutionInterceptor interceptor, PipelineObserver watcher) throws Exception {
        return start(dataDir == null ? null : DataDirectoryLock.acquire(dataDir), dataDir, 0, false, settings, clock,
                interceptor, watcher);
    }

    /**
     * As {@link #start(Path, StackSettings)} on the data directory whose {@code lock} the caller took (and this
     * pipeline now holds), S3 on {@code s3Port} taking any client's credentials.
     */
    public static LocalPipeline serving(DataDirectoryLock lock, Path dataDir, int s3Port, StackSettings settings,
                                        ExecutionInterceptor interceptor) throws Exception {
        return start(lock, dataDir, s3Port, true, settings, Clock.systemUTC(), interceptor, PipelineObserver.NONE);
    }

    private static LocalPipeline start(DataDirectoryLock lock, Path dataDir, int s3Port, boolean anyCredentials,
                                       StackSettings settings, Clock clock, ExecutionInterceptor interceptor,
                                       PipelineObserver watcher) throws Exception {
        EmbeddedServers servers = null;
        try {
            LocalOperations operations = LocalOperations.open(dataDir, LocalClients.REGION.id(), clock);
            servers = EmbeddedServers.start(dataDir, s3Port, anyCredentials,
                    EnumSet.allOf(EmbeddedServers.Server.class));
            return new LocalPipeline(lock, servers, settings, operations, clock, interceptor, watcher);
        } catch (Exception e) {
            // What was started is stopped, the servers before the lock (a null one is skipped), and a failure
            // to stop is added to e, not put in its place.
            try (lock; EmbeddedServers started = servers) {
                throw e;
            }
        }
    }

    public static LocalPipeline start(Path dataDir, StackSettings settings) throws Exception {
        return start(dataDir, settings, Clock.systemUTC(), null);
    }

    /** Starts polling the work and completion queues, as the template's event source mappings do. */
    public synchronized void startEventSources() {
        if (workerSource == null) {
            workerSource = new SqsEventSource(clients.sqs(), resources.config().chunkQueueUrl(),
                    settings.workerBatchSize(), settings.workerConcurrency(), worker, "worker");
            // The aggregator's one poller does not pause when idle: its long poll returns as a batch completes, so
            // a command waiting for its batch's summary does not wait out a pause (about 40 receives a minute more).
            aggregatorSource = new SqsEventSource(clients.sqs(), resources.config().completionQueueUrl(),
                    settings.aggregatorBatchSize(), 1, aggregator, "aggregator", 0);
            deadLetterSource = new SqsEventSource(clients.sqs(), resources.chunkDlqUrl(),
                    settings.workerBatchSize(), 1, deadLetters, "dead-letter");
        }
    }

    /** Puts a file into the bucket with user metadata, and returns the S3 event for it (not yet delivered). */
    public S3Event upload(String key, Path file, Map<String, String> metadata) {
        return S3Notifications.objectCreated(BatchUpload.put(clients.s3(), resources.bucket(), key, file, metadata));
    }

    /**
     * Delivers an S3 event to the splitter as Lambda invokes asynchronously: on an error, the same event is
     * retried (twice by default), and after the last attempt it goes to the splitter's failure queue, as the
     * template's on-failure destination; the outcome of the last attempt is returned or thrown.
     */
    public List<String> deliver(S3Event event) {
        RuntimeException last = null;
        int attempts = settings.splitterAsyncRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                List<String> outcome = splitter.handleRequest(event, new LocalContext("splitter"));
                if (workerSource != null) {
                    workerSource.wake();
                }
                return outcome;
            } catch (RuntimeException e) {
                LOG.warn("splitter attempt {} failed", attempt, e);
                last = e;
            }
        }
        splitterFailures().record(event, last, attempts, clock.instant());
        throw last;
    }

    /** The splitter's on-failure destination. */
    public SplitterFailures splitterFailures() {
        return new SplitterFailures(clients.sqs(), resources.splitterFailureQueueUrl());
    }

    /** The embedded servers' endpoints, for clients outside this JVM. */
    public AwsClients.Endpoints endpoints() {
        return servers.endpoints();
    }

    public AwsClients clients() {
        return clients;
    }

    public LocalResources resources() {
        return resources;
    }

    public AwsPipeline pipeline() {
        return pipeline;
    }

    /** The functions' logs, metrics and completion events, as kept in the data directory. */
    public LocalOperations operations() {
        return operations;
    }

    public SplitterHandler splitter() {
        return splitter;
    }

    public WorkerHandler worker() {
        return worker;
    }

    public AggregatorHandler aggregator() {
        return aggregator;
    }

    public DeadLetterHandler deadLetters() {
        return deadLetters;
    }

    /** Runs the scheduled sweep once, as its schedule would; returns how many stalled batches it finished. */
    public int sweep() {
        return sweeper.handleRequest(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent(),
                new LocalContext("sweeper"));
    }

    /**
     * Quiet (nobody uses this pipeline's server): every poller pauses 30 s after an empty receive (the aggregator's
     * too, which otherwise never pauses); the splitter's invocation still wakes the workers at once. Not quiet:
     * as usual.
     */
    public void quiet(boolean quiet) {
        workerSource.quiet(quiet);
        aggregatorSource.quiet(quiet);
        deadLetterSource.quiet(quiet);
    }

    /** True while a message waits, is delayed or is being handled on the work, completion or dead-letter queue. */
    public boolean hasQueuedWork() {
        return List.of(resources.config().chunkQueueUrl(), resources.config().completionQueueUrl(),
                resources.chunkDlqUrl()).stream().anyMatch(queue -> clients.sqs().getQueueAttributes(request -> request
                        .queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().anyMatch(count -> !"0".equals(count)));
    }

    /** The event sources of the worker and the aggregator (null before {@link #startEventSources()}). */
    public SqsEventSource workerSource() {
        return workerSource;
    }

    public SqsEventSource aggregatorSource() {
        return aggregatorSource;
    }

    /** Something to close before the event sources and servers (what told other commands of this pipeline). */
    void closeFirst(AutoCloseable closeable) {
        first = closeable;
    }

    @Override
    public void close() throws Exception {
        try {
            first.close();
        } finally {
            if (workerSource != null) {
                workerSource.close();
                aggregatorSource.close();
                deadLetterSource.close();
            }
            try {
                servers.close();
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }
}
