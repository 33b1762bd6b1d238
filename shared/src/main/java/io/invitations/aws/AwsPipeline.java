package io.invitations.aws;

import io.invitations.aws.lambda.Primed;
import io.invitations.invitation.Tokens;
import io.invitations.overlap.Overlap;
import io.invitations.pipeline.BatchSplitter;
import io.invitations.pipeline.BatchSweeper;
import io.invitations.pipeline.ChunkProcessor;
import io.invitations.pipeline.PipelineServices;
import io.invitations.pipeline.ResultsAggregator;
import io.invitations.pipeline.DomainPriming;
import java.time.Clock;

/**
 * Wires the domain services to their DynamoDB, S3 and SQS stores. A handler's no-arg constructor
 * calls {@link #fromEnvironment()} once per container; the local runtime passes its own clients.
 */
public final class AwsPipeline {
    private final DynamoBatchStore batches;
    private final DynamoInvitationStore invitations;
    private final DynamoDeviceRegistry registry;
    private final AwsClients clients;
    private final PipelineConfig config;
    private final PipelineServices services;

    public AwsPipeline(AwsClients clients, PipelineConfig config, Operations operations, Clock clock) {
        this.clients = clients;
        this.config = config;
        this.batches = new DynamoBatchStore(clients.dynamo(), config.batchesTable(), clock);
        // One container's overlap of a chunk's independent work: its rows that do not compete, its batch writes.
        Overlap overlap = Overlap.threads(Overlap.CALLS_IN_FLIGHT);
        this.invitations = new DynamoInvitationStore(clients.dynamo(), config.invitationsTable(),
                config.registryTable(), overlap);
        this.registry = new DynamoDeviceRegistry(clients.dynamo(), config.registryTable(), config.profilesTable());
        // S3 is built only for the functions that use it: the worker's package has no S3 classes.
        PipelineServices.Ports ports = new PipelineServices.Ports(batches, invitations, registry,
                () -> new S3ObjectStore(clients.s3()), new SqsChunkQueue(clients.sqs(), config.chunkQueueUrl()),
                new SqsCompletionQueue(clients.sqs(), config.completionQueueUrl()));
        this.services = new PipelineServices(ports, config.settings(), operations.observers(), new Tokens(), clock,
                overlap);
    }

    public static AwsPipeline fromEnvironment() {
        AwsClients clients = AwsClients.fromEnvironment();
        return new AwsPipeline(clients, PipelineConfig.fromEnvironment(System.getenv()),
                Operations.fromEnvironment(System.getenv(), clients), Clock.systemUTC());
    }

    /** The splitter function's service, primed before a SnapStart snapshot. */
    public Primed<BatchSplitter> splitterFunction() {
        return Primed.of(services.splitter(), this::primeSplitter);
    }

    /** The worker's (and the dead-letter function's) service, primed before a SnapStart snapshot. */
    public Primed<ChunkProcessor> workerFunction() {
        return Primed.of(services.chunkProcessor(), this::primeWorker);
    }

    /** The aggregator function's service, primed before a SnapStart snapshot. */
    public Primed<ResultsAggregator> aggregatorFunction() {
        return Primed.of(services.aggregator(), this::primeAggregator);
    }

    /** The sweeper function's service (packaged with the aggregator), primed before a SnapStart snapshot. */
    public Primed<BatchSweeper> sweeperFunction() {
        return Primed.of(services.sweeper(), this::primeAggregator);
    }

    /** The services over this stack's stores and queues. */
    public PipelineServices services() {
        return services;
    }

    /** Before a SnapStart snapshot: the splitter's domain code and SDK calls, run without reaching AWS. */
    public void primeSplitter() {
        Priming.formats(DomainPriming.run());
        Priming.s3Calls(clients.s3());
        Priming.dynamoCalls(clients.dynamo());
        Priming.sqsCalls(clients.sqs(), config.chunkQueueUrl());
    }

    /** Before a SnapStart snapshot: the worker's (and the dead-letter function's) hot path. */
    public void primeWorker() {
        Priming.formats(DomainPriming.run());
        Priming.dynamoCalls(clients.dynamo());
        Priming.sqsCalls(clients.sqs(), config.completionQueueUrl());
    }

    /** Before a SnapStart snapshot: the aggregator's (and the sweeper's) hot path. */
    public void primeAggregator() {
        Priming.formats(DomainPriming.run());
        Priming.s3Calls(clients.s3());
        Priming.dynamoCalls(clients.dynamo());
        Priming.sqsCalls(clients.sqs(), config.completionQueueUrl());
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
