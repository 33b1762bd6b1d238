package io.invitations.aws;

import io.invitations.aws.lambda.Primed;
import io.invitations.invitation.Tokens;
import io.invitations.pipeline.BatchCompletion;
import io.invitations.pipeline.BatchResumption;
import io.invitations.pipeline.BatchSplitter;
import io.invitations.pipeline.BatchSweeper;
import io.invitations.pipeline.BatchTypes;
import io.invitations.pipeline.ChunkProcessor;
import io.invitations.pipeline.Chunker;
import io.invitations.pipeline.InvitationAcceptance;
import io.invitations.pipeline.ResultsAggregator;
import io.invitations.pipeline.Revocation;
import io.invitations.pipeline.UnrecordedChunks;
import io.invitations.pipeline.Warmup;
import java.time.Clock;

/**
 * Wires the domain services to their DynamoDB, S3 and SQS stores. A handler's no-arg constructor
 * calls {@link #fromEnvironment()} once per container; the local runtime passes its own clients.
 */
public final class AwsPipeline {
    private final DynamoBatchStore batches;
    private final DynamoInvitationStore invitations;
    private final DynamoDeviceRegistry registry;
    private final BatchCompletion completion;
    private final AwsClients clients;
    private final PipelineConfig config;
    private final Operations operations;
    private final Clock clock;

    public AwsPipeline(AwsClients clients, PipelineConfig config, Operations operations, Clock clock) {
        this.clients = clients;
        this.config = config;
        this.operations = operations;
        this.clock = clock;
        this.batches = new DynamoBatchStore(clients.dynamo(), config.batchesTable(), clock);
        this.invitations = new DynamoInvitationStore(clients.dynamo(), config.invitationsTable(),
                config.registryTable());
        this.registry = new DynamoDeviceRegistry(clients.dynamo(), config.registryTable(), config.profilesTable());
        this.completion = new BatchCompletion(batches, new SqsCompletionQueue(clients.sqs(),
                config.completionQueueUrl()), clock);
    }

    public static AwsPipeline fromEnvironment() {
        AwsClients clients = AwsClients.fromEnvironment();
        return new AwsPipeline(clients, PipelineConfig.fromEnvironment(System.getenv()),
                Operations.fromEnvironment(System.getenv(), clients), Clock.systemUTC());
    }

    /** The splitter function's service, primed before a SnapStart snapshot. */
    public Primed<BatchSplitter> splitterFunction() {
        return Primed.of(splitter(), this::primeSplitter);
    }

    /** The worker's (and the dead-letter function's) service, primed before a SnapStart snapshot. */
    public Primed<ChunkProcessor> workerFunction() {
        return Primed.of(chunkProcessor(), this::primeWorker);
    }

    /** The aggregator function's service, primed before a SnapStart snapshot. */
    public Primed<ResultsAggregator> aggregatorFunction() {
        return Primed.of(aggregator(), this::primeAggregator);
    }

    /** The sweeper function's service (packaged with the aggregator), primed before a SnapStart snapshot. */
    public Primed<BatchSweeper> sweeperFunction() {
        return Primed.of(sweeper(), this::primeAggregator);
    }

    public BatchSplitter splitter() {
        return new BatchSplitter(objects(), batches, invitations, new SqsChunkQueue(clients.sqs(),
                config.chunkQueueUrl()), completion, new Tokens(), clock, config.chunkLimits(), config.repeatWindow());
    }

    public ChunkProcessor chunkProcessor() {
        return new ChunkProcessor(batches, types(), completion, operations.metrics(), clock);
    }

    public ResultsAggregator aggregator() {
        return new ResultsAggregator(batches, types(), objects(), operations.aggregation(), completion, clock);
    }

    private BatchTypes types() {
        return new BatchTypes(batches, invitations, acceptance(), new Revocation(invitations, registry, clock));
    }

    public BatchSweeper sweeper() {
        return new BatchSweeper(batches, unrecordedChunks(), chunkProcessor(), completion, operations.metrics(),
                clock, config.stalledAfter());
    }

    /** For a local server restarting with empty queues (see {@link BatchResumption}). */
    public BatchResumption resumption() {
        return new BatchResumption(batches, unrecordedChunks(), new SqsChunkQueue(clients.sqs(), config.chunkQueueUrl()),
                completion, clock, config.chunkLimits().chunksPerSend());
    }

    private UnrecordedChunks unrecordedChunks() {
        return new UnrecordedChunks(batches, new Chunker(objects(), config.chunkLimits()));
    }

    /** S3 is built only for the functions that use it: the worker's package has no S3 classes. */
    private S3ObjectStore objects() {
        return new S3ObjectStore(clients.s3());
    }

    /** Before a SnapStart snapshot: the splitter's domain code and SDK calls, run without reaching AWS. */
    public void primeSplitter() {
        Priming.formats(Warmup.run());
        Priming.s3Calls(clients.s3());
        Priming.dynamoCalls(clients.dynamo());
        Priming.sqsCalls(clients.sqs(), config.chunkQueueUrl());
    }

    /** Before a SnapStart snapshot: the worker's (and the dead-letter function's) hot path. */
    public void primeWorker() {
        Priming.formats(Warmup.run());
        Priming.dynamoCalls(clients.dynamo());
        Priming.sqsCalls(clients.sqs(), config.completionQueueUrl());
    }

    /** Before a SnapStart snapshot: the aggregator's (and the sweeper's) hot path. */
    public void primeAggregator() {
        Priming.formats(Warmup.run());
        Priming.s3Calls(clients.s3());
        Priming.dynamoCalls(clients.dynamo());
        Priming.sqsCalls(clients.sqs(), config.completionQueueUrl());
    }

    public InvitationAcceptance acceptance() {
        return new InvitationAcceptance(invitations, registry, clock);
    }

    public DynamoDeviceRegistry registry() {
        return registry;
    }

    public DynamoBatchStore batches() {
        return batches;
    }

    public DynamoInvitationStore invitations() {
        return invitations;
    }
}
