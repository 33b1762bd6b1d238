package io.invitations.local.cli;

import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoBatchStore;
import io.invitations.aws.DynamoDeviceRegistry;
import io.invitations.aws.DynamoInvitationStore;
import io.invitations.local.client.BatchClient;
import io.invitations.local.client.Deployment;
import io.invitations.local.client.StackOutputs;
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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a command's batches go: a deployed stack ({@code --bucket}/{@code --stack}), the local server running
 * on the data directory, or, by default, the pipeline started in this process on the data directory.
 */
final class Target implements AutoCloseable {
    private final AwsClients clients;
    private final Deployment deployment;
    private final Optional<DynamoBatchStore> batches;
    private final LocalPipeline inProcess;
    private final AutoCloseable started;
    private final String description;

    private Target(AwsClients clients, Deployment deployment, LocalPipeline inProcess, AutoCloseable started,
                   String description) {
        this.clients = clients;
        this.deployment = deployment;
        this.batches = Optional.ofNullable(deployment.batchesTable())
                .map(table -> new DynamoBatchStore(clients.dynamo(), table, Clock.systemUTC()));
        this.inProcess = inProcess;
        this.started = started;
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
        return new Target(pipeline.clients(), pipeline.resources().deployment(), pipeline, local.inProcess(pipeline),
                "local state in " + local.dataDir);
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
        return new Target(state.clients(), state.deployment(), null, local.inProcess(state),
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
                    null, null, "local state in " + local.dataDir + ", through the command running on it (process "
                    + info.pid() + ")"));
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
                info.deployment(), null, () -> LocalServer.markUsed(local.dataDir),
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
        return new Target(clients, deployment, null, null, "s3://" + deployment.bucket()
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
        if (inProcess != null) {
            // Only a command that runs batches needs this process's workers polling.
            inProcess.startEventSources();
        }
        return new BatchClient(clients.s3(), deployment.bucket(), batches.orElse(null),
                inProcess == null ? null : upload -> inProcess.deliver(S3Notifications.objectCreated(upload)),
                stallTimeout);
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
        if (started != null) {
            started.close();
        }
    }
}
