package io.invitations.local.cli;

import picocli.CommandLine.Option;

/** Options that send a command to a deployed stack instead of the local state. */
final class RemoteOptions {
    @Option(names = "--bucket", paramLabel = "B",
            description = "Run against this deployed bucket (the stack's BucketName output) instead of the local state")
    String bucket;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Run against this deployed stack: bucket and tables from its outputs (progress, devices)")
    String stack;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: the profile's, or AWS_REGION)")
    String region;

    @Option(names = "--profile", paramLabel = "P", description = "AWS named profile (default: the default chain)")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "U",
            description = "S3 endpoint URL (an S3-compatible server; with --bucket)")
    String endpointUrl;

    boolean isRemote() {
        return bucket != null || stack != null;
    }

    void check() {
        if (!isRemote() && (region != null || profile != null || endpointUrl != null)) {
            throw new IllegalArgumentException("--region, --profile and --endpoint-url need --bucket or --stack");
        }
        if (bucket != null && stack != null) {
            throw new IllegalArgumentException("give --bucket or --stack, not both");
        }
    }
}
