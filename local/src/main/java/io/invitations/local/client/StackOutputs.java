package io.invitations.local.client;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

/** A stack's outputs, from CloudFormation's DescribeStacks. */
public final class StackOutputs {
    private StackOutputs() {
    }

    /** The outputs of {@code stackName}; {@code endpoint} null for CloudFormation's regional endpoint. */
    public static Map<String, String> describe(Region region, AwsCredentialsProvider credentials, String stackName,
                                               URI endpoint) {
        CloudFormationClientBuilder builder = CloudFormationClient.builder().region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try (CloudFormationClient cloudFormation = builder.build()) {
            return cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0).outputs().stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        } catch (CloudFormationException e) {
            throw new IllegalArgumentException("cannot read the stack " + stackName + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw new IllegalStateException("cannot reach CloudFormation: " + e.getMessage(), e);
        }
    }
}
