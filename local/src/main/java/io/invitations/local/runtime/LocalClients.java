package io.invitations.local.runtime;

import io.invitations.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * SDK clients for the embedded servers, and the credentials those servers accept. Apart from
 * {@link EmbeddedServers} on purpose: a function's JVM (one package, no emulators) uses it too.
 */
public final class LocalClients {
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local-secret";
    public static final Region REGION = Region.US_EAST_1;

    private LocalClients() {
    }

    /** Clients for servers at {@code endpoints}; {@code interceptor} may be null. */
    public static AwsClients forEndpoints(AwsClients.Endpoints endpoints, ExecutionInterceptor interceptor,
                                          AwsClients.Http http) {
        return AwsClients.forEndpoints(REGION, credentials(), endpoints, interceptor, http);
    }

    /** The credentials the embedded servers accept. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }
}
