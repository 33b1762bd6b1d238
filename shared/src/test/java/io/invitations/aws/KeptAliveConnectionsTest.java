package io.invitations.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.invitations.overlap.Overlap;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A chunk's calls in flight keep their connections for the next chunk's: a local HTTP server answering as
 * DynamoDB does counts the connections a container opens over four waves of {@link Overlap#CALLS_IN_FLIGHT} calls.
 * The JDK reads its keep-alive setting once per JVM, so the container is a fresh JVM ({@link Container}).
 */
class KeptAliveConnectionsTest {
    private static final int WAVES = 4;

    @Test
    void aChunksCallsInFlightReuseTheirConnections() throws Exception {
        Set<Integer> connections = Collections.synchronizedSet(new HashSet<>());
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            connections.add(exchange.getRemoteAddress().getPort());
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"TableNames\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ExecutorService answering = Executors.newFixedThreadPool(Overlap.CALLS_IN_FLIGHT);
        server.setExecutor(answering);
        server.start();
        try {
            Process container = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Container.class.getName(),
                    "http://127.0.0.1:" + server.getAddress().getPort())
                    .inheritIO().start();
            assertTrue(container.waitFor(60, TimeUnit.SECONDS), "the container's calls ended");
            assertEquals(0, container.exitValue());
        } finally {
            server.stop(0);
            answering.shutdownNow();
        }
        assertEquals(WAVES * Overlap.CALLS_IN_FLIGHT, calls.get(), "every call reached the server");
        // Without the setting the JDK keeps 5: 16 connections, then 11 new ones in each later wave (49).
        assertTrue(connections.size() <= Overlap.CALLS_IN_FLIGHT,
                connections.size() + " connections for " + WAVES + " waves of " + Overlap.CALLS_IN_FLIGHT + " calls");
    }

    /** A container's DynamoDB client, as a function builds it, making waves of a chunk's calls in flight. */
    static final class Container {
        public static void main(String[] args) {
            AwsClients clients = AwsClients.forEndpoints(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                    new AwsClients.Endpoints(null, URI.create(args[0]), null), null);
            Overlap overlap = Overlap.threads(Overlap.CALLS_IN_FLIGHT);
            for (int wave = 0; wave < WAVES; wave++) {
                overlap.map(IntStream.range(0, Overlap.CALLS_IN_FLIGHT).boxed().toList(),
                        call -> clients.dynamo().listTables());
            }
        }
    }
}
