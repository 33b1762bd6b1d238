package io.invitations.local.runtime;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.invitations.aws.AwsClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.elasticmq.rest.sqs.SQSRestServer;
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
    private final DynamoDBProxyServer dynamo;
    private final SQSRestServer sqs;
    private final S3Proxy s3;
    private final AwsClients.Endpoints endpoints;

    private EmbeddedServers(DynamoDBProxyServer dynamo, SQSRestServer sqs, S3Proxy s3,
                            AwsClients.Endpoints endpoints) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.s3 = s3;
        this.endpoints = endpoints;
    }

    /** Starts the three servers on free ports; {@code dataDir} null keeps everything in memory. */
    public static EmbeddedServers start(Path dataDir) throws Exception {
        return start(dataDir, 0, false);
    }

    /**
     * Starts the three servers, S3 on {@code s3Port} (0: any free port). With {@code anyCredentials}, S3 takes
     * requests signed with whatever credentials a client has (or none), as a server for other clients must.
     */
    public static EmbeddedServers start(Path dataDir, int s3Port, boolean anyCredentials) throws Exception {
        int dynamoPort = freePort();
        int sqsPort = freePort();
        int s3ListenPort = s3Port == 0 ? freePort() : s3Port;
        // The three start at once: each spends most of its start-up loading and initialising its own classes.
        ExecutorService starting = Executors.newFixedThreadPool(3);
        Future<DynamoDBProxyServer> dynamo = starting.submit(() -> startDynamo(dataDir, dynamoPort));
        Future<SQSRestServer> sqs = starting.submit(() -> {
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).start();
            server.waitUntilStarted();
            return server;
        });
        Future<S3Proxy> s3 = starting.submit(() -> startS3(dataDir, s3ListenPort, anyCredentials));
        starting.shutdown();
        List<AutoCloseable> started = new ArrayList<>();
        Exception failure = null;
        for (Future<?> start : List.of(dynamo, sqs, s3)) {
            try {
                started.add(stopper(start.get()));
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
        if (failure != null) {
            for (AutoCloseable server : started) {
                try {
                    server.close();
                } catch (Exception suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
            throw failure;
        }
        return new EmbeddedServers(dynamo.get(), sqs.get(), s3.get(), new AwsClients.Endpoints(
                URI.create("http://127.0.0.1:" + s3ListenPort), URI.create("http://127.0.0.1:" + dynamoPort),
                URI.create("http://127.0.0.1:" + sqsPort)));
    }

    private static AutoCloseable stopper(Object server) {
        if (server instanceof DynamoDBProxyServer dynamo) {
            return dynamo::stop;
        }
        if (server instanceof SQSRestServer sqs) {
            return sqs::stopAndWait;
        }
        return ((S3Proxy) server)::stop;
    }

    private static DynamoDBProxyServer startDynamo(Path dataDir, int port) throws Exception {
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
            return server;
        });
    }

    private static S3Proxy startS3(Path dataDir, int port, boolean anyCredentials) throws Exception {
        BlobStore blobs = dataDir == null ? new TransientNio2BlobStore()
                : new FilesystemNio2BlobStore(Files.createDirectories(dataDir.resolve("s3")).toAbsolutePath().toString());
        S3Proxy s3 = S3Proxy.builder().blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(anyCredentials ? AuthenticationType.NONE : AuthenticationType.AWS_V2_OR_V4,
                        LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)
                .build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            if ("FAILED".equals(s3.getState())) {
                throw new IllegalStateException("S3Proxy failed to start on port " + port);
            }
            Thread.sleep(10);
        }
        return s3;
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable server : List.<AutoCloseable>of(s3::stop, sqs::stopAndWait, dynamo::stop)) {
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
