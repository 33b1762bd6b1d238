package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoBatchStore;
import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchOptions;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.local.client.AccessDenied;
import io.invitations.local.client.BatchClient;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.local.runtime.S3Notifications;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The commands as a provisioner or a viewer meets them on AWS, where the stack's policies deny them the batches
 * table and some files (docs/security.md): a batch is followed by its summary instead of its counters, {@code
 * status} leaves out what it may not read and says so, and a denial is explained with the personas. AWS's
 * denials come from local HTTP servers answering as DynamoDB and S3 do (no account here); the batch itself runs
 * on the embedded servers through the real handlers.
 */
@ExtendWith(SharedPipeline.class)
class PersonaCommandsTest {
    private static final String DENIED_BY_TABLE_POLICY = "User: arn:aws:sts::123456789012:assumed-role/school-sync/"
            + "cli is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:eu-west-1:"
            + "123456789012:table/invitations-BatchesTable-1A with an explicit deny in a resource-based policy";

    /** A server answering every request as DynamoDB answers a request its policies deny. */
    private static HttpServer deniedDynamo(List<String> targets) throws IOException {
        HttpServer dynamo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dynamo.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 400, "application/x-amz-json-1.0", "{\"__type\":\"com.amazon.coral.service#"
                    + "AccessDeniedException\",\"Message\":\"" + DENIED_BY_TABLE_POLICY + "\"}");
        });
        dynamo.start();
        return dynamo;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "R2D2C3PO");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static DynamoDbClient dynamoAt(HttpServer server) {
        return LocalClients.forEndpoints(new AwsClients.Endpoints(null, URI.create("http://127.0.0.1:"
                + server.getAddress().getPort()), null), null, AwsClients.Http.URL_CONNECTION).dynamo();
    }

    @Test
    void aBatchWhoseCountersAreDeniedIsFollowedByItsSummary(LocalPipeline pipeline, @TempDir Path scratch)
            throws Exception {
        List<String> targets = new CopyOnWriteArrayList<>();
        HttpServer dynamo = deniedDynamo(targets);
        try {
            Path csv = Files.writeString(scratch.resolve("provisioned.csv"),
                    "Name,Type,ValidDays\nAda,read_only,30\nGrace,read_only,30\n");
            List<String> notes = new ArrayList<>();
            BatchClient client = new BatchClient(pipeline.clients().s3(), pipeline.resources().bucket(),
                    new DynamoBatchStore(dynamoAt(dynamo), "invitations-BatchesTable-1A", Clock.systemUTC()),
                    upload -> pipeline.deliver(S3Notifications.objectCreated(upload)), Duration.ofSeconds(60));
            BatchClient.Outcome outcome = client.run(BatchKind.CREATE, csv, BatchOptions.defaults(BatchKind.CREATE), false,
                    scratch.resolve("provisioned-results.csv"), new BatchClient.Progress() {
                        @Override
                        public void update(long processed, long total, long failed) {
                        }

                        @Override
                        public void countsUnavailable(String why) {
                            notes.add(why);
                        }
                    });
            assertEquals(BatchStatus.COMPLETED, outcome.summary().status());
            assertEquals(2, outcome.summary().succeeded());
            assertEquals(3, Files.readAllLines(outcome.resultsFile().orElseThrow()).size(), "header and two rows");
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(targets.contains("DynamoDB_20120810.GetItem"), "the counters were asked for: " + targets);
        } finally {
            dynamo.stop(0);
        }
    }

    @Test
    void aDenialIsOneLineThatNamesThePersonas() throws Exception {
        HttpServer dynamo = deniedDynamo(new CopyOnWriteArrayList<>());
        try {
            RuntimeException denied = assertThrows(RuntimeException.class, () -> new DynamoBatchStore(dynamoAt(dynamo),
                    "invitations-BatchesTable-1A", Clock.systemUTC()).find("b-1"));
            assertTrue(AccessDenied.is(denied));
            String line = AccessDenied.explain(denied);
            assertTrue(line.contains(DENIED_BY_TABLE_POLICY) && line.contains("docs/security.md"), line);
            assertFalse(line.contains("\n"), line);
            assertFalse(AccessDenied.is(new IllegalStateException("no", new IOException("refused"))));
        } finally {
            dynamo.stop(0);
        }
    }

    /**
     * {@code status} as a provisioner on a bucket with an export in it: the export's summary is denied (the bucket
     * policy keeps exports from provisioners), the create batch's is listed, and the listing says what it left out.
     */
    @Test
    void statusListsWhatItMayReadAndSaysWhatItLeftOut() throws Exception {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        String created = SummaryJson.write(new BatchSummary("b-create", "s3://bucket/incoming/create/a.csv",
                BatchStatus.COMPLETED, 2, 2, 0, now, now.plusSeconds(3), "results/create/a-results.csv", null, null));
        HttpServer s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s3.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (String.valueOf(exchange.getRequestURI().getQuery()).contains("list-type=2")) {
                answer(exchange, 200, "application/xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name>\
                        <Prefix>results/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>\
                        <IsTruncated>false</IsTruncated>\
                        <Contents><Key>results/export/export-1-summary.json</Key>\
                        <LastModified>2026-12-04T10:05:00.000Z</LastModified><ETag>"e1"</ETag><Size>300</Size>\
                        <StorageClass>STANDARD</StorageClass></Contents>\
                        <Contents><Key>results/create/a-summary.json</Key>\
                        <LastModified>2026-12-04T10:00:03.000Z</LastModified><ETag>"c1"</ETag><Size>300</Size>\
                        <StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>""");
            } else if (path.endsWith("/results/create/a-summary.json")) {
                answer(exchange, 200, "application/json", created);
            } else {
                answer(exchange, 403, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"
                        + "<Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/school-sync"
                        + "/cli is not authorized to perform: s3:GetObject with an explicit deny in a resource-based"
                        + " policy</Message><RequestId>R2D2</RequestId><HostId>aGk=</HostId></Error>");
            }
        });
        s3.start();
        try {
            CliRun status = CliRun.run("status", "--bucket", "bucket", "--region", "eu-west-1", "--endpoint-url",
                    "http://127.0.0.1:" + s3.getAddress().getPort());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("b-create"), status.out());
            assertTrue(status.out().contains("not shown, as AWS denies them to these credentials: summaries under"
                    + " results/export/"), status.out());
        } finally {
            s3.stop(0);
        }
    }
}
