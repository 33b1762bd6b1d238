package io.invitations.local;

import static io.invitations.local.TransformedTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens at rest, as CloudFormation receives the template (through the SAM translator): with the stack's key (the
 * default), the bucket (with an S3 Bucket Key), the four tables, the four work queues (a day's data-key reuse) and
 * the alarm topic (CloudWatch admitted by the key's policy) are encrypted with it, and the key outlives the stack;
 * without it ({@code CustomerManagedKey=false}), nothing names the key and each store keeps an AWS-managed one.
 */
@NeedsTools(Tool.SAM_TRANSLATOR)
class EncryptionTemplateTest {
    private static final Map<String, Object> THE_KEY = Map.of("Fn::GetAtt", List.of("TokensKey", "Arn"));
    private static final List<String> WORK_QUEUES = List.of("ChunkDeadLetterQueue", "ChunkQueue",
            "CompletionDeadLetterQueue", "CompletionQueue");

    private static TransformedTemplate withKey;
    private static TransformedTemplate withoutKey;

    @BeforeAll
    static void transform() {
        withKey = TransformedTemplate.of(Map.of());
        withoutKey = TransformedTemplate.of(Map.of("CustomerManagedKey", "false"));
    }

    private static Map<String, Object> resolved(TransformedTemplate template, String resource) {
        return map(template.resolve(template.properties(resource)));
    }

    @Test
    void theKeyRotatesAndOutlivesTheStackAsTheDataItEncryptsDoes() {
        assertEquals(List.of("TokensKey"), withKey.ofType("AWS::KMS::Key"));
        assertEquals(true, resolved(withKey, "TokensKey").get("EnableKeyRotation"));
        assertEquals("RetainExceptOnCreate", withKey.resource("TokensKey").get("DeletionPolicy"));
        assertEquals("Retain", withKey.resource("TokensKey").get("UpdateReplacePolicy"));
    }

    @Test
    void everyStoreOfATokenIsEncryptedWithTheKey() {
        Map<String, Object> rule = map(((List<?>) map(resolved(withKey, "InvitationsBucket").get("BucketEncryption"))
                .get("ServerSideEncryptionConfiguration")).get(0));
        assertEquals(Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", THE_KEY),
                rule.get("ServerSideEncryptionByDefault"));
        assertEquals(true, rule.get("BucketKeyEnabled"), "an S3 Bucket Key: KMS is asked per bucket key, not object");
        List<String> tables = withKey.ofType("AWS::DynamoDB::Table");
        assertEquals(4, tables.size());
        for (String table : tables) {
            assertEquals(Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", THE_KEY),
                    resolved(withKey, table).get("SSESpecification"), table);
        }
        for (String queue : WORK_QUEUES) {
            Map<String, Object> properties = resolved(withKey, queue);
            assertEquals(THE_KEY, properties.get("KmsMasterKeyId"), queue);
            assertEquals(86400, ((Number) properties.get("KmsDataKeyReusePeriodSeconds")).intValue(), queue);
            assertFalse(properties.containsKey("SqsManagedSseEnabled"), queue);
        }
        assertEquals(THE_KEY, resolved(withKey, "AlarmTopic").get("KmsMasterKeyId"));
    }

    @Test
    void cloudWatchMayPublishToTheEncryptedAlarmTopic() {
        List<?> statements = (List<?>) map(resolved(withKey, "TokensKey").get("KeyPolicy")).get("Statement");
        assertTrue(statements.stream().map(TransformedTemplate::map)
                .anyMatch(s -> Map.of("Service", "cloudwatch.amazonaws.com").equals(s.get("Principal"))
                        && ((List<?>) s.get("Action")).containsAll(List.of("kms:Decrypt", "kms:GenerateDataKey*"))),
                "the key's policy admits CloudWatch: " + statements);
    }

    @Test
    void withoutTheKeyNothingNamesItAndEachStoreKeepsAnAwsManagedKey() {
        assertEquals(List.of(), withoutKey.ofType("AWS::KMS::Key"));
        for (String resource : withoutKey.resources().keySet()) {
            if (withoutKey.ofType(withoutKey.type(resource)).contains(resource)) {
                assertFalse(String.valueOf(withoutKey.resolve(withoutKey.resource(resource))).contains("TokensKey"),
                        resource + " names the key that is not created");
            }
        }
        assertEquals("UsesCustomerManagedKey", map(withoutKey.outputs().get("KeyArn")).get("Condition"));
        assertFalse(withoutKey.condition("UsesCustomerManagedKey"));
        Map<String, Object> rule = map(((List<?>) map(resolved(withoutKey, "InvitationsBucket").get("BucketEncryption"))
                .get("ServerSideEncryptionConfiguration")).get(0));
        assertEquals(Map.of("SSEAlgorithm", "AES256"), rule.get("ServerSideEncryptionByDefault"));
        for (String queue : WORK_QUEUES) {
            assertEquals(true, resolved(withoutKey, queue).get("SqsManagedSseEnabled"), queue);
        }
        for (String table : withoutKey.ofType("AWS::DynamoDB::Table")) {
            assertEquals(Map.of("SSEEnabled", true, "SSEType", "KMS"), resolved(withoutKey, table).get("SSESpecification"),
                    table + ": the AWS-managed key aws/dynamodb");
        }
    }
}
