package io.invitations.local.client;

import java.util.Map;

/**
 * The names a client needs to use a deployed pipeline: the bucket, the tables it reads for progress and devices,
 * and the splitter's failure queue (null where unknown: a bucket given alone).
 */
public record Deployment(String bucket, String batchesTable, String invitationsTable, String registryTable,
                         String profilesTable, String splitterFailureQueue) {

    public static Deployment bucketOnly(String bucket) {
        return new Deployment(bucket, null, null, null, null, null);
    }

    /** From the outputs of a stack deployed from template.yaml. */
    public static Deployment fromStack(Map<String, String> outputs, String stackName) {
        String bucket = outputs.get("BucketName");
        if (bucket == null) {
            throw new IllegalArgumentException("the stack " + stackName
                    + " has no BucketName output: is it deployed from this project's template.yaml?");
        }
        return new Deployment(bucket, outputs.get("BatchesTableName"), outputs.get("InvitationsTableName"),
                outputs.get("DeviceRegistryTableName"), outputs.get("ProfilesTableName"),
                outputs.get("SplitterFailureQueueUrl"));
    }
}
