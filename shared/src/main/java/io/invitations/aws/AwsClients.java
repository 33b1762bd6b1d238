package io.invitations.aws;

import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients, built once per container: the URL-connection HTTP client (fast to start, small),
 * an explicit region, and an endpoint override only for the local AWS-compatible servers.
 */
public record AwsClients(S3Client s3, DynamoDbClient dynamo, SqsClient sqs) {
    /**
     * The JDK HTTP client logs every request's headers at FINE, and S3 user metadata (a parent token) travels
     * in headers: whatever level logging is set to, this logger stays at INFO. Held here because JUL forgets
     * the level of a logger nobody references.
     */
    private static final Logger HTTP_WIRE_LOG = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    /** Clients for the Lambda environment: region and credentials from the runtime. */
    public static AwsClients fromEnvironment() {
        return build(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")),
                DefaultCredentialsProvider.builder().build(), null, null);
    }

    /**
     * Clients for one endpoint per service (any may be null for the AWS default).
     *
     * @param interceptor observes every request (the benchmark counts them), or null
     */
    public static AwsClients forEndpoints(Region region, AwsCredentialsProvider credentials, Endpoints endpoints,
                                          ExecutionInterceptor interceptor) {
        return build(region, credentials, endpoints, interceptor);
    }

    /** Local endpoints of the three services. */
    public record Endpoints(URI s3, URI dynamo, URI sqs) {
    }

    private static AwsClients build(Region region, AwsCredentialsProvider credentials, Endpoints endpoints,
                                    ExecutionInterceptor interceptor) {
        HTTP_WIRE_LOG.setLevel(Level.INFO);
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (interceptor != null) {
            override.addExecutionInterceptor(interceptor);
        }
        var s3 = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override.build());
        var dynamo = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override.build());
        var sqs = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override.build());
        if (endpoints != null) {
            s3.endpointOverride(endpoints.s3()).forcePathStyle(true);
            dynamo.endpointOverride(endpoints.dynamo());
            sqs.endpointOverride(endpoints.sqs());
        }
        return new AwsClients(s3.build(), dynamo.build(), sqs.build());
    }
}
