package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.aws.AwsClients;
import io.invitations.local.runtime.EmbeddedServers;
import io.invitations.local.runtime.EmbeddedServers.Server;
import io.invitations.local.runtime.LocalClients;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import io.invitations.local.bench.RequestCounter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** How the embedded servers stop. */
class EmbeddedServersTest {

    /** A command's pollers are in a long poll when it ends: the queue server must not wait them out. */
    @Test
    void theQueueServerStopsWithoutWaitingForAnOpenLongPoll() throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(null, 0, false, EnumSet.of(Server.SQS));
        RequestCounter sent = new RequestCounter();
        SqsClient sqs = LocalClients.forEndpoints(servers.endpoints(), sent, AwsClients.Http.URL_CONNECTION).sqs();
        String queue = sqs.createQueue(b -> b.queueName("waiting")).queueUrl();
        CompletableFuture<?> longPoll = CompletableFuture.runAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(20)));
        // The receive is on its way to the server (its connection open), and no answer came.
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.counts().request("Sqs.ReceiveMessage") == 1);
        assertFalse(longPoll.isDone(), "the long poll is open");

        long started = System.nanoTime();
        servers.close();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(stopping.compareTo(Duration.ofSeconds(10)) < 0,
                "stopped in " + stopping + ", not after the 20 s long poll");
        int port = servers.endpoints().sqs().getPort();
        assertDoesNotThrow(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close(),
                "the queue server's port is free again");
    }
}
