package io.invitations.aws;

import io.invitations.overlap.Overlap;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of a container, each built once, on first use: a function's package holds only the SDK
 * modules it uses (the worker has no S3), so a client it does not use must never be built. They share the
 * URL-connection HTTP client (fast to start, small), an explicit region, and an endpoint override only for
 * the local AWS-compatible servers.
 */
public final class AwsClients {
    /**
     * The JDK HTTP client logs every request's headers at FINE, and S3 user metadata (a parent token) travels
     * in headers: whatever level logging is set to, this logger stays at INFO. Held here because JUL forgets
     * the level of a logger nobody references.
     */
    private static final Logger HTTP_WIRE_LOG = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    private static final String KEPT_ALIVE_PROPERTY = "http.maxConnections";
    /** Idle connections kept per host: a worker's calls in flight, or a local JVM's five workers' and more. */
    private static final int KEPT_ALIVE_PER_HOST = 128;

    /** Which HTTP client the SDK clients use. */
    public enum Http {
        /** The URL-connection client, as deployed. */
        URL_CONNECTION,
        /** Whatever the SDK finds on the class path (Apache by default): only to measure what tuning gains. */
        SDK_DEFAULT
    }

    /** Endpoints of the three services (a null one: the service's AWS endpoint). */
    public record Endpoints(URI s3, URI dynamo, URI sqs) {
    }

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Endpoints endpoints;
    private final ExecutionInterceptor interceptor;
    private final Http http;
    private SdkHttpClient httpClient;
    private S3Client s3;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private EventBridgeClient eventBridge;

    private AwsClients(Region region, AwsCredentialsProvider credentials, Endpoints endpoints,
                       ExecutionInterceptor interceptor, Http http) {
        HTTP_WIRE_LOG.setLevel(Level.INFO);
        this.region = region;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.interceptor = interceptor;
        this.http = http;
    }

    /** Clients for the Lambda environment: region and credentials from the runtime. */
    public static AwsClients fromEnvironment() {
        return new AwsClients(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")),
                DefaultCredentialsProvider.builder().build(), null, null, Http.URL_CONNECTION);
    }

    /**
     * Clients for one endpoint per service (null endpoints: the AWS defaults).
     *
     * @param interceptor observes every request (the benchmark counts them), or null
     */
    public static AwsClients forEndpoints(Region region, AwsCredentialsProvider credentials, Endpoints endpoints,
                                          ExecutionInterceptor interceptor) {
        return forEndpoints(region, credentials, endpoints, interceptor, Http.URL_CONNECTION);
    }

    public static AwsClients forEndpoints(Region region, AwsCredentialsProvider credentials, Endpoints endpoints,
                                          ExecutionInterceptor interceptor, Http http) {
        return new AwsClients(region, credentials, endpoints, interceptor, http);
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            var builder = configure(S3Client.builder());
            if (endpoints != null && endpoints.s3() != null) {
                builder.endpointOverride(endpoints.s3()).forcePathStyle(true);
            }
            s3 = builder.build();
        }
        return s3;
    }

    public synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            var builder = configure(DynamoDbClient.builder());
            if (endpoints != null && endpoints.dynamo() != null) {
                builder.endpointOverride(endpoints.dynamo());
            }
            dynamo = builder.build();
        }
        return dynamo;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            var builder = configure(SqsClient.builder());
            if (endpoints != null && endpoints.sqs() != null) {
                builder.endpointOverride(endpoints.sqs());
            }
            sqs = builder.build();
        }
        return sqs;
    }

    /** Only AWS's: the local runtime records completion events itself. */
    public synchronized EventBridgeClient eventBridge() {
        if (eventBridge == null) {
            eventBridge = configure(EventBridgeClient.builder()).build();
        }
        return eventBridge;
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(new Priming.StopBeforeSending());
        if (interceptor != null) {
            override.addExecutionInterceptor(interceptor);
        }
        if (http == Http.URL_CONNECTION) {
            builder.httpClient(sharedHttpClient());
        }
        return builder.region(region).credentialsProvider(credentials).overrideConfiguration(override.build());
    }

    private SdkHttpClient sharedHttpClient() {
        if (httpClient == null) {
            keepConnectionsAlive();
            httpClient = UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build();
        }
        return httpClient;
    }

    /**
     * The URL-connection client opens a connection per call in flight, and the JDK keeps only
     * {@code http.maxConnections} of them (5 by default) per host for the next calls: with a chunk's 16 calls in
     * flight ({@link Overlap#CALLS_IN_FLIGHT}) the other 11 were closed after every call and opened again, on AWS
     * each a TCP and TLS handshake (two round trips more). The JDK reads the setting once per JVM, so it is set
     * before the first client is built, unless whoever started the JVM has set it. A higher
     * cap opens nothing: it only stops closing connections, never more than a container had in use at once.
     */
    private static void keepConnectionsAlive() {
        if (System.getProperty(KEPT_ALIVE_PROPERTY) == null) {
            System.setProperty(KEPT_ALIVE_PROPERTY, String.valueOf(KEPT_ALIVE_PER_HOST));
        }
    }
}
