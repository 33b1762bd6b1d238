package io.invitations.local;

import io.invitations.stack.Template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Least privilege, read from template.yaml: no wildcard, and each function only what it touches. */
class TemplateSecurityTest {
    /** What each function's code reaches (the design, reviewed): a grant outside its set fails the test. */
    private static final Map<String, Set<String>> TOUCHES = Map.of(
            "SplitterFunction", Set.of("bucket:incoming/*", "BatchesTable", "InvitationsTable", "ChunkQueue",
                    "CompletionQueue", "SplitterFailureQueue", "SplitterLogGroup", "TokensKey"),
            "WorkerFunction", Set.of("ChunkQueue", "InvitationsTable", "DeviceRegistryTable", "ProfilesTable",
                    "BatchesTable", "CompletionQueue", "WorkerLogGroup", "TokensKey"),
            "DeadLetterFunction", Set.of("ChunkDeadLetterQueue", "InvitationsTable", "DeviceRegistryTable",
                    "BatchesTable", "CompletionQueue", "DeadLetterLogGroup", "TokensKey"),
            "AggregatorFunction", Set.of("CompletionQueue", "BatchesTable", "InvitationsTable", "bucket:results/*",
                    "bus:${EventBusName}", "AggregatorLogGroup", "TokensKey"),
            "SweeperFunction", Set.of("BatchesTable/index/open-batches", "BatchesTable", "bucket:incoming/*",
                    "InvitationsTable", "DeviceRegistryTable", "CompletionQueue", "SweeperLogGroup", "TokensKey"));

    private static Map<String, Object> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTemplate() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("..", "template.yaml"))) {
            resources = (Map<String, Object>) Template.load(reader).get("Resources");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String name) {
        return (Map<String, Object>) ((Map<String, Object>) resources.get(name)).get("Properties");
    }

    /**
     * The statements of the function's own role (named by its Role property); a statement granted only under a
     * condition (the key's, {@code Fn::If [condition, statement, AWS::NoValue]}) counts as granted.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> policies = (List<Map<String, Object>>) properties(role(function)).get("Policies");
        return policies.stream().flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) p
                .get("PolicyDocument")).get("Statement")).stream())
                .map(s -> s.get("Fn::If") instanceof List<?> branches ? (Map<String, Object>) branches.get(1) : s)
                .toList();
    }

    private static String role(String function) {
        Object role = properties(function).get("Role");
        assertTrue(role instanceof Map<?, ?> map && map.containsKey("Fn::GetAtt"), function + " names its own role");
        return String.valueOf(((Map<?, ?>) role).get("Fn::GetAtt")).replace(".Arn", "");
    }

    /** X-Ray has no resource-level permissions: its two write actions are granted on "*". */
    private static boolean tracing(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().allMatch(a -> String.valueOf(a).startsWith("xray:Put"));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    /** The logical resource (or bucket prefix) a policy resource names. */
    @SuppressWarnings("unchecked")
    private static String target(Object resource) {
        if (resource instanceof Map<?, ?> map && map.containsKey("Fn::GetAtt")) {
            return String.valueOf(map.get("Fn::GetAtt")).replace(".Arn", "");
        }
        if (resource instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String arn && arn.contains(":event-bus/")) {
            return "bus:" + arn.substring(arn.indexOf(":event-bus/") + ":event-bus/".length());
        }
        if (resource instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String arn) {
            return arn.replaceAll("^\\$\\{(\\w+)\\.Arn}", "$1"); // ${BatchesTable.Arn}/index/x -> BatchesTable/index/x
        }
        if (resource instanceof Map<?, ?> map && map.containsKey("Fn::Sub")) {
            String arn = String.valueOf(((List<Object>) map.get("Fn::Sub")).get(0));
            return "bucket:" + arn.substring(arn.indexOf("${StackUuid}/") + "${StackUuid}/".length());
        }
        return String.valueOf(resource);
    }

    private static List<String> functions() {
        return resources.entrySet().stream()
                .filter(e -> "AWS::Serverless::Function".equals(((Map<?, ?>) e.getValue()).get("Type")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Test
    void everyFunctionIsKnownToThisTest() {
        assertEquals(new TreeSet<>(TOUCHES.keySet()), new TreeSet<>(functions()));
    }

    @Test
    void noWildcardActionOrResource() {
        for (String function : functions()) {
            for (Map<String, Object> statement : statements(function)) {
                for (Object action : list(statement.get("Action"))) {
                    assertFalse(String.valueOf(action).contains("*"), function + " grants " + action);
                }
                for (Object resource : list(statement.get("Resource"))) {
                    assertFalse("*".equals(resource) && !tracing(statement), function + " grants a resource *");
                }
            }
        }
    }

    @Test
    void eachFunctionIsGrantedExactlyWhatItTouches() {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (String function : functions()) {
            Set<String> targets = new TreeSet<>();
            for (Map<String, Object> statement : statements(function)) {
                if (tracing(statement)) {
                    continue;
                }
                for (Object resource : list(statement.get("Resource"))) {
                    String target = target(resource);
                    targets.add(target);
                    for (Object action : list(statement.get("Action"))) {
                        String service = String.valueOf(action).split(":")[0];
                        boolean fits = switch (service) {
                            case "dynamodb" -> target.endsWith("Table") || target.contains("Table/index/");
                            case "sqs" -> target.endsWith("Queue");
                            case "s3" -> target.startsWith("bucket:");
                            case "events" -> target.startsWith("bus:");
                            case "logs" -> target.endsWith("LogGroup");
                            case "kms" -> target.equals("TokensKey");
                            default -> false;
                        };
                        assertTrue(fits, function + ": " + action + " on " + target);
                    }
                }
            }
            granted.put(function, targets);
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        TOUCHES.forEach((f, t) -> expected.put(f, new TreeSet<>(t)));
        assertEquals(expected, granted);
    }

    @Test
    void eachFunctionWritesOnlyToItsOwnLogGroupAndNoManagedPolicyIsAttached() {
        for (String function : functions()) {
            Map<String, Object> role = properties(role(function));
            assertFalse(role.containsKey("ManagedPolicyArns"), function + ": " + role.get("ManagedPolicyArns"));
            assertFalse(role.containsKey("PermissionsBoundary"), function);
            Object logGroup = ((Map<?, ?>) properties(function).get("LoggingConfig")).get("LogGroup");
            String own = String.valueOf(((Map<?, ?>) logGroup).get("Ref"));
            List<String> logTargets = statements(function).stream()
                    .filter(s -> list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("logs:")))
                    .flatMap(s -> list(s.get("Resource")).stream()).map(TemplateSecurityTest::target).toList();
            assertEquals(List.of(own), logTargets, function);
        }
    }

    @Test
    void sqsTriggersAreExplicitMappingsSoNoWildcardManagedPolicyIsAttached() {
        for (String function : functions()) {
            Object events = properties(function).get("Events");
            if (events instanceof Map<?, ?> map) {
                map.values().forEach(event -> assertTrue(Set.of("S3", "Schedule").contains(
                        ((Map<?, ?>) event).get("Type")), function));
            }
        }
    }

    @Test
    void bucketIsEncryptedPrivateAndTlsOnly() {
        Map<String, Object> bucket = properties("InvitationsBucket");
        assertTrue(bucket.containsKey("BucketEncryption"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        assertTrue(String.valueOf(properties("InvitationsBucketPolicy")).contains("aws:SecureTransport"));
    }
}
