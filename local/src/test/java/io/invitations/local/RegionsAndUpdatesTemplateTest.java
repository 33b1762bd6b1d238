package io.invitations.local;

import static io.invitations.local.TransformedTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack across regions and over its life, as CloudFormation receives it (through the SAM translator): SnapStart
 * and X-Ray only where the region offers them, names unique per region, Lambda's own log lines kept, the bucket's
 * policy retained with it, dead letters outliving their queue's messages.
 */
@NeedsTools(Tool.SAM_TRANSLATOR)
class RegionsAndUpdatesTemplateTest {
    /** Regions that offer SnapStart (and X-Ray), and regions that do not (the AWS Lambda guide; cfn-lint E2530). */
    private static final List<String> OFFERING = List.of("us-east-1", "eu-west-1", "ap-northeast-1", "sa-east-1");
    private static final List<String> NOT_OFFERING = List.of("ap-east-2", "mx-central-1", "ap-southeast-6");

    private static TransformedTemplate template;

    @BeforeAll
    static void transform() {
        template = TransformedTemplate.of(Map.of());
    }

    @Test
    void snapStartAndTracingOnlyWhereTheRegionOffersThem() {
        List<String> functions = template.ofType("AWS::Lambda::Function");
        assertEquals(5, functions.size(), functions.toString());
        for (String region : OFFERING) {
            TransformedTemplate there = template.inRegion(region);
            for (String function : functions) {
                Map<String, Object> properties = map(there.resolve(there.properties(function)));
                assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties.get("SnapStart"), function + " in " + region);
                assertEquals(Map.of("Mode", "Active"), properties.get("TracingConfig"), function + " in " + region);
            }
        }
        for (String region : NOT_OFFERING) {
            TransformedTemplate there = template.inRegion(region);
            for (String function : functions) {
                Map<String, Object> properties = map(there.resolve(there.properties(function)));
                assertFalse(properties.containsKey("SnapStart"), function + " in " + region + ": " + properties.get("SnapStart"));
                assertEquals(Map.of("Mode", "PassThrough"), properties.get("TracingConfig"), function + " in " + region);
                assertEquals("java21", properties.get("Runtime"));
            }
        }
    }

    @Test
    void theDashboardsNameIsUniquePerRegion() {
        String dashboard = template.ofType("AWS::CloudWatch::Dashboard").get(0);
        Object inIreland = template.resolve(template.properties(dashboard).get("DashboardName"));
        Object inTokyo = template.inRegion("ap-northeast-1").resolve(template.properties(dashboard).get("DashboardName"));
        assertNotEquals(inIreland, inTokyo, "the same stack name in two regions of one account");
        assertTrue(String.valueOf(inIreland).length() <= 255, String.valueOf(inIreland));
    }

    @Test
    void lambdasOwnStartAndReportLinesAreKept() {
        for (String function : template.ofType("AWS::Lambda::Function")) {
            Map<String, Object> logging = map(template.resolve(template.properties(function).get("LoggingConfig")));
            assertEquals("INFO", logging.get("SystemLogLevel"), function + ": START/REPORT are INFO lines");
            assertEquals("JSON", logging.get("LogFormat"), function);
        }
    }

    @Test
    void theBucketPolicyIsRetainedWithTheBucket() {
        String policy = template.ofType("AWS::S3::BucketPolicy").get(0);
        String bucket = template.ofType("AWS::S3::Bucket").get(0);
        assertEquals(template.resource(bucket).get("DeletionPolicy"), template.resource(policy).get("DeletionPolicy"));
        assertEquals("RetainExceptOnCreate", template.resource(policy).get("DeletionPolicy"));
        assertEquals("Retain", template.resource(policy).get("UpdateReplacePolicy"));
    }

    @Test
    void everyQueueKeepsItsMessagesShorterThanItsDeadLetterQueue() {
        int redriven = 0;
        for (String queue : template.ofType("AWS::SQS::Queue")) {
            Map<String, Object> properties = map(template.resolve(template.properties(queue)));
            Map<String, Object> redrive = map(properties.get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                continue;
            }
            redriven++;
            String deadLetters = (String) ((List<?>) map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
            long kept = retention(properties);
            long keptAsDeadLetter = retention(map(template.resolve(template.properties(deadLetters))));
            assertTrue(kept < keptAsDeadLetter, queue + " keeps messages " + kept + " s, its dead-letter queue "
                    + deadLetters + " " + keptAsDeadLetter + " s: a dead letter keeps its first enqueue time");
        }
        assertEquals(2, redriven, "the work queue and the completion queue");
    }

    @Test
    void tokenBearingFilesExpireOnlyWhenTheAdminSaysSo() {
        List<String> tokenBearing = List.of("results/create/", "results/export/", "results/revoke/",
                "incoming/accept/", "incoming/revoke/");
        assertTrue(expiringPrefixes(template).isEmpty(), "kept by default: " + expiringPrefixes(template));
        TransformedTemplate expiring = TransformedTemplate.of(Map.of("TokenFileExpiryDays", "30"));
        Map<String, Object> rules = expiringPrefixes(expiring);
        assertEquals(new TreeSet<>(tokenBearing), new TreeSet<>(rules.keySet()));
        for (Object rule : rules.values()) {
            assertEquals("30", String.valueOf(map(rule).get("ExpirationInDays")), rule.toString());
            assertEquals("Enabled", map(rule).get("Status"));
        }
    }

    /** The bucket's lifecycle rules that expire current versions, by prefix. */
    private static Map<String, Object> expiringPrefixes(TransformedTemplate t) {
        String bucket = t.ofType("AWS::S3::Bucket").get(0);
        Map<String, Object> lifecycle = map(map(t.resolve(t.properties(bucket))).get("LifecycleConfiguration"));
        Map<String, Object> byPrefix = new TreeMap<>();
        for (Object rule : (List<?>) lifecycle.get("Rules")) {
            if (map(rule).containsKey("ExpirationInDays")) {
                byPrefix.put(String.valueOf(map(rule).get("Prefix")), rule);
            }
        }
        return byPrefix;
    }

    /** SQS's MessageRetentionPeriod, 4 days when not set. */
    private static long retention(Map<String, Object> queue) {
        return Long.parseLong(String.valueOf(queue.getOrDefault("MessageRetentionPeriod", 345600)));
    }
}
