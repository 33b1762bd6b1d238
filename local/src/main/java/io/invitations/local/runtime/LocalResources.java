package io.invitations.local.runtime;

import io.invitations.stack.StackSettings;
import io.invitations.aws.AwsClients;
import io.invitations.aws.DynamoBatchStore;
import io.invitations.aws.PipelineConfig;
import io.invitations.local.client.Deployment;
import io.invitations.pipeline.BatchSplitter.ChunkLimits;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, if absent, the resources template.yaml declares, on the embedded servers: the bucket, the tables, the
 * work queue and the completion FIFO queue, each with its dead-letter queue, and the splitter's failure queue.
 */
public record LocalResources(String bucket, PipelineConfig config, String chunkDlqUrl, String completionDlqUrl,
                             String splitterFailureQueueUrl) {
    public static final String BUCKET = "invitations-local";
    private static final String BATCHES = "invitations-batches";
    private static final String INVITATIONS = "invitations";
    private static final String REGISTRY = "invitations-device-registry";
    private static final String PROFILES = "invitations-profiles";

    public static LocalResources create(AwsClients clients, StackSettings settings) {
        createBucket(clients.s3());
        createTables(clients.dynamo());
        String chunkDlq = queue(clients.sqs(), "invitations-chunks-dlq", false,
                settings.chunkVisibilityTimeoutSeconds(), null, 0);
        String chunks = queue(clients.sqs(), "invitations-chunks", false, settings.chunkVisibilityTimeoutSeconds(),
                chunkDlq, settings.chunkMaxReceiveCount());
        String completionDlq = queue(clients.sqs(), "invitations-completions-dlq.fifo", true, 60, null, 0);
        String completions = queue(clients.sqs(), "invitations-completions.fifo", true,
                settings.completionVisibilityTimeoutSeconds(), completionDlq, settings.completionMaxReceiveCount());
        String splitterFailures = queue(clients.sqs(), "invitations-splitter-failures", false, 30, null, 0);
        PipelineConfig config = new PipelineConfig(BATCHES, INVITATIONS, REGISTRY, PROFILES, chunks, completions,
                ChunkLimits.withRowsPerChunk(settings.rowsPerChunk()).withMaxRows(settings.maxRows()),
                Duration.ofMinutes(settings.stalledAfterMinutes()), Duration.ofDays(settings.repeatWindowDays()));
        return new LocalResources(BUCKET, config, chunkDlq, completionDlq, splitterFailures);
    }

    /**
     * The bucket and the tables, created where absent on the servers that run ({@code clients}' endpoints not
     * null), for a command that only reads them; the names a client uses, without the queues (they live in memory,
     * for the life of a pipeline).
     */
    public static Deployment stores(AwsClients clients, AwsClients.Endpoints running) {
        if (running.s3() != null) {
            createBucket(clients.s3());
        }
        if (running.dynamo() != null) {
            createTables(clients.dynamo());
        }
        return new Deployment(BUCKET, BATCHES, INVITATIONS, REGISTRY, PROFILES, null);
    }

    /** Existence is asked first: a refused create costs a short command more than the question does. */
    private static void createBucket(S3Client s3) {
        try {
            s3.headBucket(b -> b.bucket(BUCKET));
            return;
        } catch (NoSuchBucketException absent) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        // As deployed: every upload is its own version, so a batch reads exactly the upload it was started for.
        // The persistent (filesystem) store has no versioning: there uploads are pinned by ETag instead.
        try {
            s3.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status("Enabled")));
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
        }
    }

    private static void createTables(DynamoDbClient dynamo) {
        Set<String> existing = new HashSet<>(dynamo.listTablesPaginator(b -> { }).tableNames().stream().toList());
        if (!existing.contains(BATCHES)) {
            createBatchesTable(dynamo);
        }
        if (!existing.contains(INVITATIONS)) {
            createTable(dynamo, INVITATIONS, "token", null);
        }
        if (!existing.contains(REGISTRY)) {
            createTable(dynamo, REGISTRY, "token", "device");
        }
        if (!existing.contains(PROFILES)) {
            createTable(dynamo, PROFILES, "device", "profile");
        }
    }

    /** The names a client uses, as a deployed stack's outputs give them. */
    public Deployment deployment() {
        return new Deployment(bucket, config.batchesTable(), config.invitationsTable(), config.registryTable(),
                config.profilesTable(), splitterFailureQueueUrl);
    }

    private static void createTable(DynamoDbClient dynamo, String name, String hashKey, String rangeKey) {
        try {
            dynamo.createTable(b -> {
                b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
                if (rangeKey == null) {
                    b.keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                            .attributeDefinitions(stringAttribute(hashKey));
                } else {
                    b.keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build())
                            .attributeDefinitions(stringAttribute(hashKey), stringAttribute(rangeKey));
                }
            });
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
    }

    /**
     * The batches table with the sparse index of unfinished batches, as the template declares it. Created with
     * the table: DynamoDB Local's on-disk store fails queries on an index added later until it is restarted.
     */
    private static void createBatchesTable(DynamoDbClient dynamo) {
        try {
            dynamo.createTable(b -> b.tableName(BATCHES).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("batchId").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .attributeDefinitions(stringAttribute("batchId"), stringAttribute("sk"), stringAttribute("open"),
                            AttributeDefinition.builder().attributeName("updatedAt")
                                    .attributeType(ScalarAttributeType.N).build())
                    .globalSecondaryIndexes(g -> g.indexName(DynamoBatchStore.OPEN_BATCHES_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName("open").keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName("updatedAt").keyType(KeyType.RANGE)
                                            .build())
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(BATCHES));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static String queue(SqsClient sqs, String name, boolean fifo, int visibilitySeconds, String dlqUrl,
                                int maxReceiveCount) {
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds));
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        if (dlqUrl != null) {
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY,
                    "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}");
        }
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }
}
