package io.invitations.local.runtime;

import io.invitations.aws.AwsClients;
import io.invitations.local.client.Deployment;
import java.nio.file.Path;
import java.util.Set;

/**
 * The local state, for a command that only reads it ({@code status}, {@code devices}): only the embedded servers
 * it names, on the data directory, with the bucket and tables created where absent; no functions, no queues.
 */
public final class LocalState implements AutoCloseable {
    private final DataDirectoryLock lock;
    private final EmbeddedServers servers;
    private final AwsClients clients;
    private final Deployment deployment;

    private LocalState(DataDirectoryLock lock, EmbeddedServers servers, AwsClients clients, Deployment deployment) {
        this.lock = lock;
        this.servers = servers;
        this.clients = clients;
        this.deployment = deployment;
    }

    public static LocalState open(Path dataDir, Set<EmbeddedServers.Server> needed) throws Exception {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        EmbeddedServers servers = null;
        try {
            servers = EmbeddedServers.start(dataDir, 0, false, needed);
            AwsClients clients = LocalClients.forEndpoints(servers.endpoints(), null, AwsClients.Http.URL_CONNECTION);
            return new LocalState(lock, servers, clients, LocalResources.stores(clients, servers.endpoints()));
        } catch (Exception e) {
            try (lock; EmbeddedServers started = servers) {
                throw e;
            }
        }
    }

    public AwsClients clients() {
        return clients;
    }

    /** The names of the bucket and tables; no splitter failure queue (a fresh process's would be empty). */
    public Deployment deployment() {
        return deployment;
    }

    @Override
    public void close() throws Exception {
        try (lock) {
            servers.close();
        }
    }
}
