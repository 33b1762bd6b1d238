package io.invitations.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.SourceObject;
import io.invitations.observe.BatchFinished;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * The completion event's PutEvents call, against a local HTTP server answering as EventBridge does (its JSON 1.1
 * protocol): the request's shape, a refused entry (EventBridge answers 200 with FailedEntryCount 1) and an error.
 */
class EventBridgeCompletionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BatchFinished FINISHED = new BatchFinished(new BatchSummary("b-0123456789abcdef0123456789abcdef",
            "s3://bucket/incoming/create/school-a/class.csv", BatchStatus.COMPLETED, 5, 3, 2,
            Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:00:04Z"),
            "results/create/school-a/class-results.csv", null, null), BatchKind.CREATE, BatchFinished.Outcome.COMPLETED,
            new SourceObject("bucket", "incoming/create/school-a/class.csv", "v1", "etag", "seq", 120),
            "results/create/school-a/class-summary.json", Duration.ofSeconds(5));

    private final List<Map.Entry<Map<String, String>, String>> requests = new ArrayList<>();
    private HttpServer server;
    private int status;
    private String answer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(Map.entry(Map.of("method", exchange.getRequestMethod(),
                    "target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")),
                    "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EventBridgeCompletions publisher() {
        EventBridgeClient client = EventBridgeClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        return new EventBridgeCompletions(client, "provisioning");
    }

    @Test
    void putsOneEntryWithTheSummaryAsDetailOnTheConfiguredBus() throws Exception {
        status = 200;
        answer = "{\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}],\"FailedEntryCount\":0}";
        publisher().batchFinished(FINISHED);

        assertEquals(1, requests.size());
        Map<String, String> headers = requests.get(0).getKey();
        assertEquals("POST", headers.get("method"));
        assertEquals("AWSEvents.PutEvents", headers.get("target"));
        assertTrue(headers.get("contentType").startsWith("application/x-amz-json-1.1"), headers.toString());
        JsonNode entries = JSON.readTree(requests.get(0).getValue()).get("Entries");
        assertEquals(1, entries.size());
        JsonNode entry = entries.get(0);
        assertEquals("provisioning", entry.get("EventBusName").asText());
        assertEquals("io.invitations", entry.get("Source").asText());
        assertEquals("Invitation Batch Finished", entry.get("DetailType").asText());
        JsonNode detail = JSON.readTree(entry.get("Detail").asText());
        assertEquals("b-0123456789abcdef0123456789abcdef", detail.get("batchId").asText());
        assertEquals("COMPLETED", detail.get("status").asText());
        assertEquals("incoming/create/school-a/class.csv", detail.get("key").asText());
        assertEquals(5, detail.get("total").asInt());
        assertEquals(3, detail.get("succeeded").asInt());
        assertEquals(2, detail.get("failed").asInt());
        assertEquals("results/create/school-a/class-results.csv", detail.get("results").asText());
        assertEquals("results/create/school-a/class-summary.json", detail.get("summary").asText());
        assertFalse(entry.get("Detail").asText().contains("inv-"), "never a token");
    }

    @Test
    void aRefusedEntryThrowsSoThatTheAggregationIsRetried() {
        status = 200;
        answer = "{\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"Internal service error\"}],"
                + "\"FailedEntryCount\":1}";
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> publisher().batchFinished(FINISHED));
        assertTrue(refused.getMessage().contains("InternalFailure"), refused.getMessage());
    }

    @Test
    void aMissingBusIsAnError() {
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Event bus provisioning does not exist.\"}";
        assertThrows(ResourceNotFoundException.class, () -> publisher().batchFinished(FINISHED));
    }
}
