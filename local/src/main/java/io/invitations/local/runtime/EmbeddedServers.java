package io.invitations.local.runtime;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.invitations.aws.AwsClients;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * DynamoDB Local, ElasticMQ and S3Proxy started in this JVM on 127.0.0.1: the AWS-compatible servers the
 * local runtime and the integration tests run the real handlers against. With a data directory, tables
 * and objects persist there; without one, everything is in memory.
 */
public final class EmbeddedServers implements AutoCloseable {
    /** The three servers; a command may start only those it reads. */
    public enum Server { S3, DYNAMODB, SQS }

    private final Map<Server, AutoCloseable> running;
    private final AwsClients.Endpoints endpoints;

    private EmbeddedServers(Map<Server, AutoCloseable> running, AwsClients.Endpoints endpoints) {
        this.running = running;
        this.endpoints = endpoints;
    }

    /**
     * Starts {@code servers} ({@code dataDir} null keeps everything in memory), S3 on {@code s3Port} (0: any
     * free port). With {@code anyCredentials}, S3 takes requests signed with whatever credentials a client has
     * (or none), as a server for other clients must. The endpoint of a server not started is null.
     */
    public static EmbeddedServers start(Path dataDir, int s3Port, boolean anyCredentials, Set<Server> servers)
            throws Exception {
        // They start at once: each spends most of its start-up loading and initialising its own classes.
        ExecutorService starting = Executors.newFixedThreadPool(servers.size());
        Map<Server, Future<Started>> starts = new EnumMap<>(Server.class);
        for (Server server : servers) {
            starts.put(server, starting.submit(() -> switch (server) {
                case DYNAMODB -> onFreePort(port -> startDynamo(dataDir, port));
                case SQS -> onFreePort(EmbeddedServers::startSqs);
                case S3 -> s3Port != 0 ? new Started(startS3(dataDir, s3Port, anyCredentials), s3Port)
                        : onFreePort(port -> startS3(dataDir, port, anyCredentials));
            }));
        }
        starting.shutdown();
        Map<Server, AutoCloseable> running = new EnumMap<>(Server.class);
        Map<Server, Integer> ports = new EnumMap<>(Server.class);
        Exception failure = null;
        for (Map.Entry<Server, Future<Started>> start : starts.entrySet()) {
            try {
                Started started = start.getValue().get();
                running.put(start.getKey(), started.server());
                ports.put(start.getKey(), started.port());
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception exception ? exception
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        EmbeddedServers started = new EmbeddedServers(running, new AwsClients.Endpoints(endpoint(ports, Server.S3),
                endpoint(ports, Server.DYNAMODB), endpoint(ports, Server.SQS)));
        if (failure != null) {
            try {
                started.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
        return started;
    }

    private record Started(AutoCloseable server, int port) {
    }

    private interface ServerStart {
        AutoCloseable on(int port) throws Exception;
    }

    /**
     * A server on a port free when picked; picked again when another socket took it before the server bound it (on a
     * busy machine, a client connection's ephemeral port can be the one just picked).
     */
    private static Started onFreePort(ServerStart start) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                return new Started(start.on(port), port);
            } catch (Exception e) {
                if (attempt == 3 || !isTaken(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static URI endpoint(Map<Server, Integer> ports, Server server) {
        return ports.containsKey(server) ? URI.create("http://127.0.0.1:" + ports.get(server)) : null;
    }

    private static AutoCloseable startDynamo(Path dataDir, int port) throws Exception {
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Path dynamoDir = Files.createDirectories(dataDir.resolve("dynamodb"));
            args.addAll(List.of("-dbPath", dynamoDir.toString()));
        }
        return withoutStdout(() -> {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return server::stop;
        });
    }

    private static AutoCloseable startSqs(int port) {
        // Its own actor system, to stop it at once: ElasticMQ's own stop first waits for the open long polls (up to
        // a second at the end of every batch command); cut off, a poller's receive fails, which nobody waits for.
        ActorSystem system = ActorSystem.create("elasticmq");
        SQSRestServerBuilder.withActorSystem(system).withInterface("127.0.0.1").withPort(port).start()
                .waitUntilStarted();
        return () -> {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        };
    }

    private static AutoCloseable startS3(Path dataDir, int port, boolean anyCredentials) throws Exception {
        BlobStore blobs = dataDir == null ? new TransientNio2BlobStore()
                : new FilesystemNio2BlobStore(Files.createDirectories(dataDir.resolve("s3")).toAbsolutePath().toString());
        S3Proxy s3 = S3Proxy.builder().blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(anyCredentials ? AuthenticationType.NONE : AuthenticationType.AWS_V2_OR_V4,
                        LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)
                // Stopped once its clients are done: without this, Jetty waits 2 s for their idle kept-alive
                // connections (a third of a short command's time).
                .stopTimeout(0)
                .build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            if ("FAILED".equals(s3.getState())) {
                throw new IllegalStateException("S3Proxy failed to start on port " + port);
            }
            Thread.sleep(10);
        }
        return s3::stop;
    }

    /** DynamoDB Local prints its configuration on stdout, which belongs to the command's own output. */
    private static <T> T withoutStdout(java.util.concurrent.Callable<T> action) throws Exception {
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.call();
        } finally {
            System.setOut(stdout);
        }
    }

    public AwsClients.Endpoints endpoints() {
        return endpoints;
    }

    /** A port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable server : running.values()) {
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
