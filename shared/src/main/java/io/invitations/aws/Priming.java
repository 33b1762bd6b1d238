package io.invitations.aws;

import io.invitations.pipeline.DomainPriming;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SDK priming for SnapStart: each call a function makes is built, marshalled, signed and then stopped by
 * {@link StopBeforeSending} before it leaves the JVM, so that the snapshot holds a warm request path
 * without anything being sent to AWS. Best effort: a priming call that fails otherwise is ignored.
 */
public final class Priming {
    static final String MARKER_HEADER = "x-invitations-priming";
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final String TABLE = "priming";
    private static final Map<String, AttributeValue> ITEM = Map.of("token", AttributeValue.fromS("priming"),
            "device", AttributeValue.fromS("priming"), "count", AttributeValue.fromN("1"));

    private Priming() {
    }

    /** On every client: ends a marked request just before transmission. */
    static final class StopBeforeSending implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.httpRequest().firstMatchingHeader(MARKER_HEADER).isPresent()) {
                throw new Stopped();
            }
        }
    }

    /** Not a failure: a priming request reached the point where it would have been sent. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("priming request stopped before sending", null, false, false);
        }
    }

    /** The formats the adapters write and read, round-tripped on the warm-up's sample. */
    static void formats(DomainPriming.Sample sample) {
        ChunkMessageBody.decode(ChunkMessageBody.encode(sample.chunk()));
        BatchTableFormats.decodeContext(BatchTableFormats.encodeContext(sample.context()));
        BatchTableFormats.decodeRows(BatchTableFormats.encodeRows(sample.results()));
    }

    static void dynamoCalls(DynamoDbClient dynamo) {
        AwsRequestOverrideConfiguration marked = marked();
        call(() -> dynamo.getItem(b -> b.tableName(TABLE).key(ITEM).consistentRead(true)
                .overrideConfiguration(marked)));
        call(() -> dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE, KeysAndAttributes.builder().keys(ITEM)
                .consistentRead(true).build())).overrideConfiguration(marked)));
        call(() -> dynamo.putItem(b -> b.tableName(TABLE).item(ITEM).conditionExpression("attribute_not_exists(#t)")
                .expressionAttributeNames(Map.of("#t", "token")).overrideConfiguration(marked)));
        call(() -> dynamo.updateItem(b -> b.tableName(TABLE).key(ITEM).updateExpression("ADD #c :one")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).overrideConfiguration(marked)));
        call(() -> dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("#t = :t")
                .expressionAttributeNames(Map.of("#t", "token"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("priming")))
                .overrideConfiguration(marked)));
        call(() -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(
                WriteRequest.builder().putRequest(p -> p.item(ITEM)).build()))).overrideConfiguration(marked)));
        call(() -> dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                .put(Put.builder().tableName(TABLE).item(ITEM).build()).build()).overrideConfiguration(marked)));
    }

    static void sqsCalls(SqsClient sqs, String queueUrl) {
        AwsRequestOverrideConfiguration marked = marked();
        call(() -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("priming").overrideConfiguration(marked)));
        call(() -> sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(SendMessageBatchRequestEntry.builder()
                .id("0").messageBody("priming").build()).overrideConfiguration(marked)));
    }

    static void s3Calls(S3Client s3) {
        AwsRequestOverrideConfiguration marked = marked();
        String bucket = "priming-bucket";
        call(() -> s3.headObject(b -> b.bucket(bucket).key("priming").overrideConfiguration(marked)));
        call(() -> s3.getObject(b -> b.bucket(bucket).key("priming").overrideConfiguration(marked),
                ResponseTransformer.toBytes()));
        call(() -> s3.putObject(b -> b.bucket(bucket).key("priming").overrideConfiguration(marked),
                RequestBody.fromString("priming")));
        call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("priming").overrideConfiguration(marked)));
    }

    private static AwsRequestOverrideConfiguration marked() {
        return AwsRequestOverrideConfiguration.builder().putHeader(MARKER_HEADER, "1").build();
    }

    private static void call(Runnable sdkCall) {
        try {
            sdkCall.run();
        } catch (RuntimeException e) {
            if (!(e instanceof Stopped) && !(e.getCause() instanceof Stopped)) {
                LOG.debug("priming call failed, ignored: {}", e.toString());
            }
        }
    }
}
