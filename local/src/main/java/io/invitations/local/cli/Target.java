package io.invitations.local.cli;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoBatchStore;
import io.invitations.aws.DynamoDeviceRegistry;
import io.invitations.aws.DynamoInvitationStore;
import io.invitations.batch.SourceObject;
import io.invitations.local.client.BatchClient;
import io.invitations.local.client.Deployment;
import io.invitations.local.client.StackOutputs;
import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.EmbeddedServers;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.LocalServer;
import io.invitations.local.runtime.LocalState;
import io.invitations.local.runtime.S3Notifications;
import io.invitations.local.runtime.SplitterFailures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a command's batches go: one of the four places a command reaches ({@link Place}). Whatever the place, the
 * command sees the same bucket, tables and queues, through AWS's APIs.
 */
final class Target implements AutoCloseable {
    /** The places a command reaches, each with what it takes to reach and to leave it. */
    sealed interface Place permits Deployed, Server, InProcess, InProcessState {
        /** What a command does when it is done with the place. */
        default void leave() throws Exception {
        }
    }

    /** A deployed stack ({@code --stack}), or only its bucket ({@code --bucket}, maybe at {@code --endpoint-url}). */
    record Deployed() implements Place {
    }

    /**
     * A server running on the data directory: {@code serve}, the background server (each command marks it used
     * when it is done), or a command running the pipeline in its own process (a second terminal's way in).
     */
    record Server(AutoCloseable whenDone) implements Place {
        @Override
        public void leave() throws Exception {
            whenDone.close();
        }
    }

    /** The whole pipeline, started in this process for a command that runs batches; closed when it is done. */
    record InProcess(LocalPipeline pipeline, AutoCloseable whenDone) implements Place {
        @Override
        public void leave() throws Exception {
            whenDone.close();
        }
    }

    /** Only the embedded servers a reading command needs, started in this process; closed when it is done. */
    record InProcessState(AutoCloseable whenDone) implements Place {
        @Override
        public void leave() throws Exception {
            whenDone.close();
        }
    }

    private final AwsClients clients;
    private final Deployment deployment;
    private final Optional<DynamoBatchStore> batches;
    private final Place place;
    private final String description;

    private Target(AwsClients clients, Deployment deployment, Place place, String description) {
        this.clients = clients;
        this.deployment = deployment;
        this.batches = Optional.ofNullable(deployment.batchesTable())
                .map(table -> new DynamoBatchStore(clients.dynamo(), table, Clock.systemUTC()));
        this.place = place;
        this.description = description;
    }

    /**
     * A target that runs batches: a deployed stack, the server on the data directory ({@link LocalOptions#server()}:
     * it also stops a background server that does not fit), or the whole pipeline started in this process.
     */
    static Target open(LocalOptions local, RemoteOptions remote) throws Exception {
        Optional<Target> elsewhere = elsewhere(local, remote);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        LocalPipeline pipeline = local.pipeline();
        return new Target(pipeline.clients(), pipeline.resources().deployment(),
                new InProcess(pipeline, local.inProcess(pipeline)), "local state in " + local.dataDir);
    }

    /**
     * A target a command only reads: a deployed stack, the server on the data directory, the pipeline of a command
     * running on it, or, by default, only the embedded servers it {@code reads}, started here.
     */
    static Target reading(LocalOptions local, RemoteOptions remote, EmbeddedServers.Server... reads)
            throws Exception {
        Optional<Target> elsewhere = elsewhere(local, remote).or(() -> runningCommand(local));
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        LocalState state = LocalState.open(local.dataDir, EnumSet.copyOf(List.of(reads)));
        return new Target(state.clients(), state.deployment(), new InProcessState(local.inProcess(state)),
                "local state in " + local.dataDir);
    }

    /**
     * A target that steers batches (cancels them): as {@link #open}, but through the pipeline of a command running on
     * the data directory when there is one, so that a second terminal reaches the batch the first one runs.
     */
    static Target steering(LocalOptions local, RemoteOptions remote) throws Exception {
        Optional<Target> elsewhere = elsewhere(local, remote).or(() -> runningCommand(local));
        return elsewhere.isPresent() ? elsewhere.get() : open(local, remote);
    }

    /** The pipeline of a command running in its own process on the data directory (it watches incoming/cancel/). */
    private static Optional<Target> runningCommand(LocalOptions local) {
        try {
            return local.command().map(info -> new Target(LocalClients.forEndpoints(new AwsClients.Endpoints(
                    info.s3(), info.dynamo(), info.sqs()), null, AwsClients.Http.URL_CONNECTION), info.deployment(),
                    new Server(() -> { }), "local state in " + local.dataDir + ", through the command running on it"
                    + " (process " + info.pid() + ")"));
        } catch (Exception e) {
            throw new IllegalStateException("could not read which command runs on " + local.dataDir + ": " + e, e);
        }
    }

    /** A deployed stack, or the local server running on the data directory. */
    private static Optional<Target> elsewhere(LocalOptions local, RemoteOptions remote) throws Exception {
        remote.check();
        if (remote.isRemote()) {
            return Optional.of(deployed(remote));
        }
        return local.server().map(info -> new Target(LocalClients.forEndpoints(
                new AwsClients.Endpoints(info.s3(), info.dynamo(), info.sqs()), null, AwsClients.Http.URL_CONNECTION),
                info.deployment(), new Server(() -> ServerState.markUsed(local.dataDir)),
                (info.origin().background() ? "local state in " + local.dataDir + ", through its background server"
                        : "the local server at " + info.s3())));
    }

    private static Target deployed(RemoteOptions remote) {
        AwsCredentialsProvider credentials = remote.profile != null
                ? ProfileCredentialsProvider.create(remote.profile) : DefaultCredentialsProvider.builder().build();
        if (remote.endpointUrl != null) {
            // An S3-compatible server may take any credentials: do not require real ones.
            credentials = AwsCredentialsProviderChain.of(credentials, LocalClients.credentials());
        }
        Region region = region(remote);
        URI endpoint = remote.endpointUrl == null ? null : URI.create(remote.endpointUrl);
        AwsClients clients = AwsClients.forEndpoints(region, credentials,
                endpoint == null ? null : new AwsClients.Endpoints(endpoint, null, null), null);
        Deployment deployment;
        if (remote.stack != null) {
            deployment = Deployment.fromStack(StackOutputs.describe(region, credentials, remote.stack, null),
                    remote.stack);
        } else {
            deployment = Deployment.bucketOnly(remote.bucket);
        }
        return new Target(clients, deployment, new Deployed(), "s3://" + deployment.bucket()
                + (endpoint == null ? " (" + region.id() + ")" : " at " + endpoint));
    }

    private static Region region(RemoteOptions remote) {
        if (remote.region != null) {
            return Region.of(remote.region);
        }
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(remote.profile).build().getRegion();
        } catch (RuntimeException e) {
            if (remote.endpointUrl != null) {
                return Region.US_EAST_1;
            }
            throw new IllegalArgumentException("no AWS region: give --region, or set one in the profile or AWS_REGION");
        }
    }

    /**
     * A client for this target's bucket. {@code stallTimeout}: how long a batch may count no row; where the
     * batches table is unknown or denied, only the end is seen, and the client waits as long as the sweeper would.
     */
    BatchClient batchClient(Duration stallTimeout) {
        Consumer<SourceObject> notifier = null;
        if (place instanceof InProcess inProcess) {
            // Only a command that runs batches needs this process's workers polling; it delivers S3's notification.
            inProcess.pipeline().startEventSources();
            notifier = upload -> inProcess.pipeline().deliver(S3Notifications.objectCreated(upload));
        }
        return new BatchClient(clients.s3(), deployment.bucket(), batches.orElse(null), notifier, stallTimeout);
    }

    /** The splitter's on-failure destination, when known (not with a bucket given alone). */
    Optional<SplitterFailures> splitterFailures() {
        return Optional.ofNullable(deployment.splitterFailureQueue())
                .map(queue -> new SplitterFailures(clients.sqs(), queue));
    }

    /** The batches table, when known (not with a bucket given alone). */
    Optional<DynamoBatchStore> batches() {
        return batches;
    }

    DynamoInvitationStore invitations() {
        requireTables();
        return new DynamoInvitationStore(clients.dynamo(), deployment.invitationsTable(), deployment.registryTable());
    }

    DynamoDeviceRegistry registry() {
        requireTables();
        return new DynamoDeviceRegistry(clients.dynamo(), deployment.registryTable(), deployment.profilesTable());
    }

    private void requireTables() {
        if (deployment.invitationsTable() == null) {
            throw new IllegalArgumentException("this command reads the invitation tables: give --stack NAME (their"
                    + " names are in the stack's outputs), not --bucket");
        }
    }

    S3Client s3() {
        return clients.s3();
    }

    String bucket() {
        return deployment.bucket();
    }

    String description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        place.leave();
    }
}
