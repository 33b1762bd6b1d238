package io.invitations.pipeline;

import io.invitations.invitation.Tokens;
import io.invitations.observe.PipelineObserver;
import io.invitations.overlap.Overlap;
import io.invitations.store.BatchStore;
import io.invitations.store.ChunkQueue;
import io.invitations.store.CompletionQueue;
import io.invitations.store.DeviceRegistry;
import io.invitations.store.InvitationStore;
import io.invitations.store.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one wiring of the domain services over the ports: the deployed functions and the local runtime reach it
 * through AwsPipeline (DynamoDB, S3, SQS), the tests and the simulator through the testkit's in-memory pipeline.
 */
public final class PipelineServices {
    /**
     * The stores and queues. The object store and the aggregator's observer are built on first use: the worker's
     * package has no S3 classes, and only the aggregator's has an EventBridge client.
     */
    public record Ports(BatchStore batches, InvitationStore invitations, DeviceRegistry registry,
                        Supplier<ObjectStore> objects, ChunkQueue chunks, CompletionQueue completions) {
    }

    /** The stack's settings the services apply (template.yaml's parameters). */
    public record Settings(BatchSplitter.ChunkLimits limits, Duration repeatWindow, Duration stalledAfter) {
    }

    /** Where the services report: every function's metrics, and the aggregator's (completion events and metrics). */
    public record Observers(PipelineObserver metrics, Supplier<PipelineObserver> aggregation) {
    }

    private final Ports ports;
    private final Settings settings;
    private final Observers observers;
    private final Tokens tokens;
    private final Clock clock;
    private final Overlap overlap;
    private final BatchCompletion completion;

    /**
     * {@code overlap}: how a chunk's rows that do not compete are taken (on threads on AWS, in seeded orders in the
     * simulator); rows that compete are always taken in the file's order.
     */
    public PipelineServices(Ports ports, Settings settings, Observers observers, Tokens tokens, Clock clock,
                            Overlap overlap) {
        this.overlap = overlap;
        this.ports = ports;
        this.settings = settings;
        this.observers = observers;
        this.tokens = tokens;
        this.clock = clock;
        this.completion = new BatchCompletion(ports.batches(), ports.completions(), clock);
    }

    /** The splitter function's service. */
    public BatchSplitter splitter() {
        return new BatchSplitter(ports.objects().get(), ports.batches(), ports.invitations(), ports.chunks(),
                completion, tokens, clock, settings.limits(), settings.repeatWindow());
    }

    /** The worker's (and the dead-letter function's) service. */
    public ChunkProcessor chunkProcessor() {
        return new ChunkProcessor(ports.batches(), behaviours(), completion, observers.metrics(), clock);
    }

    /** The aggregator function's service. */
    public ResultsAggregator aggregator() {
        return new ResultsAggregator(ports.batches(), behaviours(), ports.objects().get(), observers.aggregation().get(),
                completion, clock);
    }

    /** The sweeper function's service. */
    public BatchSweeper sweeper() {
        return new BatchSweeper(ports.batches(), unrecordedChunks(), chunkProcessor(), completion,
                observers.metrics(), clock, settings.stalledAfter());
    }

    /** For a local server restarting with empty queues (see {@link BatchResumption}). */
    public BatchResumption resumption() {
        return new BatchResumption(ports.batches(), unrecordedChunks(), ports.chunks(), completion, clock,
                settings.limits().chunksPerSend());
    }

    public InvitationAcceptance acceptance() {
        return new InvitationAcceptance(ports.invitations(), ports.registry(), clock);
    }

    public BatchCompletion completion() {
        return completion;
    }

    private KindBehaviours behaviours() {
        return new KindBehaviours(ports.batches(), ports.invitations(), acceptance(),
                new Revocation(ports.invitations(), ports.registry(), clock), overlap);
    }

    private UnrecordedChunks unrecordedChunks() {
        return new UnrecordedChunks(ports.batches(), new Chunker(ports.objects().get(), settings.limits()));
    }
}
