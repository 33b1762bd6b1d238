package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.invitations.local.client.Deployment;
import io.invitations.local.client.StackOutputs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code --stack}: DescribeStacks through the SDK's CloudFormation client, as CloudFormation answers it (a
 * recorded-shape answer from a local HTTP server; no AWS account here), signed with SigV4 for the cloudformation
 * service, its outputs turned into the names the commands use.
 */
class StackOutputsTest {
    private static final String ANSWER = """
            <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStacksResult><Stacks><member>
                <StackName>invitations</StackName>
                <Outputs>
                  <member><OutputKey>BucketName</OutputKey><OutputValue>invitations-0f3c</OutputValue></member>
                  <member><OutputKey>BatchesTableName</OutputKey><OutputValue>inv-Batches-1A</OutputValue></member>
                  <member><OutputKey>InvitationsTableName</OutputKey><OutputValue>inv-Inv-2B</OutputValue></member>
                  <member><OutputKey>DeviceRegistryTableName</OutputKey><OutputValue>inv-Reg-3C</OutputValue></member>
                  <member><OutputKey>ProfilesTableName</OutputKey><OutputValue>inv-Prof-4D</OutputValue></member>
                  <member><OutputKey>SplitterFailureQueueUrl</OutputKey>
                    <OutputValue>https://sqs.eu-west-1.amazonaws.com/123456789012/inv-SplitterFailureQueue-5E</OutputValue>
                  </member>
                </Outputs>
              </member></Stacks></DescribeStacksResult>
            </DescribeStacksResponse>
            """;
    private static final String NOT_FOUND = """
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Error><Type>Sender</Type><Code>ValidationError</Code>
                <Message>Stack with id nope does not exist</Message></Error>
            </ErrorResponse>
            """;

    @Test
    void readsTheOutputsOfAStackWithASignedRequest() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<String> query = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            // The SDK's query protocol: a form-encoded POST.
            query.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean known = query.get().contains("StackName=invitations");
            byte[] body = (known ? ANSWER : NOT_FOUND).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
            Map<String, String> outputs = StackOutputs.describe(Region.EU_WEST_1, credentials, "invitations", endpoint);
            Deployment deployment = Deployment.fromStack(outputs, "invitations");
            assertEquals(new Deployment("invitations-0f3c", "inv-Batches-1A", "inv-Inv-2B", "inv-Reg-3C", "inv-Prof-4D",
                    "https://sqs.eu-west-1.amazonaws.com/123456789012/inv-SplitterFailureQueue-5E"),
                    deployment);
            assertTrue(query.get().contains("Action=DescribeStacks"), query.get());
            assertTrue(authorization.get().startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization.get());
            assertTrue(authorization.get().contains("/eu-west-1/cloudformation/aws4_request"), authorization.get());

            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> StackOutputs.describe(Region.EU_WEST_1, credentials, "nope", endpoint));
            assertEquals("cannot read the stack nope: Stack with id nope does not exist", missing.getMessage());
            IllegalArgumentException notOurs = assertThrows(IllegalArgumentException.class,
                    () -> Deployment.fromStack(Map.of("Other", "x"), "other"));
            assertTrue(notOurs.getMessage().contains("has no BucketName output"), notOurs.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
