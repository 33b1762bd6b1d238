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
        List<AutoCloseable> started = new ArrayList<>();
        try {
            int dynamoPort = freePort();
            List<String> args = new ArrayList<>(List.of("-port", String.valueOf(dynamoPort), "-disableTelemetry"));
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                Path dynamoDir = Files.createDirectories(dataDir.resolve("dynamodb"));
                args.addAll(List.of("-dbPath", dynamoDir.toString()));
            }
            DynamoDBProxyServer dynamo = withoutStdout(() -> {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
                return server;
            });
            started.add(dynamo::stop);

            int sqsPort = freePort();
            SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort).start();
            sqs.waitUntilStarted();
            started.add(sqs::stopAndWait);

            int s3ListenPort = s3Port == 0 ? freePort() : s3Port;
            BlobStore blobs = dataDir == null ? new TransientNio2BlobStore()
                    : new FilesystemNio2BlobStore(
                    Files.createDirectories(dataDir.resolve("s3")).toAbsolutePath().toString());
            S3Proxy s3 = S3Proxy.builder().blobStore(blobs)
                    .endpoint(URI.create("http://127.0.0.1:" + s3ListenPort))
                    .awsAuthentication(anyCredentials ? AuthenticationType.NONE : AuthenticationType.AWS_V2_OR_V4,
                            LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)
                    .build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(10);
            }
            started.add(s3::stop);
            return new EmbeddedServers(dynamo, sqs, s3, new AwsClients.Endpoints(
                    URI.create("http://127.0.0.1:" + s3ListenPort), URI.create("http://127.0.0.1:" + dynamoPort),
                    URI.create("http://127.0.0.1:" + sqsPort)));
        } catch (Exception e) {
            for (AutoCloseable server : started) {
                try {
                    server.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
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
