package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.invitations.aws.AwsClients;
import io.invitations.local.runtime.EmbeddedServers;
import io.invitations.local.runtime.EmbeddedServers.Server;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.SqsEventSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The local event source's idle pollers. */
class SqsEventSourceTest {
    private static final long A_MINUTE = 60_000;

    private EmbeddedServers servers;
    private SqsClient sqs;
    private String queue;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void queue() throws Exception {
        servers = EmbeddedServers.start(null, 0, false, EnumSet.of(Server.SQS));
        sqs = LocalClients.forEndpoints(servers.endpoints(), null, AwsClients.Http.URL_CONNECTION).sqs();
        queue = sqs.createQueue(b -> b.queueName("work")).queueUrl();
    }

    @AfterEach
    void stop() throws Exception {
        servers.close();
    }

    @Test
    void anIdlePollerWokenForANewMessageTakesItAtOnce() throws Exception {
        try (SqsEventSource source = deliveringBodies("worker", A_MINUTE)) {
            // Its first receive (a 1 s long poll) finds nothing: the poller then pauses for a minute.
            await().atMost(Duration.ofSeconds(20)).until(() -> source.idlePauses() > 0);
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("chunk"));
            source.wake();

            String body = delivered.poll(20, TimeUnit.SECONDS);
            assertEquals("chunk", body, "taken long before the minute's pause would have ended");
        }
        assertTrue(delivered.isEmpty());
    }

    @Test
    void aQuietSourcesIdlePollersPauseLongerUntilItIsUsedAgain() throws Exception {
        // As the aggregator's source: its idle poller never pauses, unless quiet.
        try (SqsEventSource source = deliveringBodies("aggregator", 0)) {
            source.quiet(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> source.quietPauses() > 0);
            // Sent without a wake: the quiet poller is in its 30 s pause.
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("completion"));
            assertEquals(null, delivered.poll(3, TimeUnit.SECONDS), "taken during the quiet pause");

            source.quiet(false);
            assertEquals("completion", delivered.poll(5, TimeUnit.SECONDS), "taken once no longer quiet");
        }
    }

    /** One poller on the queue, its idle pause {@code idlePauseMillis}, handing each body to {@code delivered}. */
    private SqsEventSource deliveringBodies(String functionName, long idlePauseMillis) {
        return new SqsEventSource(sqs, queue, 10, 1, (event, context) -> {
            event.getRecords().forEach(record -> delivered.add(record.getBody()));
            return new SQSBatchResponse(List.of());
        }, functionName, idlePauseMillis);
    }
}
