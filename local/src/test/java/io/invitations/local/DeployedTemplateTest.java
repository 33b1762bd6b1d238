package io.invitations.local;

import static io.invitations.local.TransformedTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the first {@code sam deploy} meets, read from the template as CloudFormation receives it (transformed by
 * the SAM translator): parameter changes reach the alias the triggers invoke, a new account can deploy it, the
 * splitter's failures are kept, state outlives the stack, and named queues fit AWS's limits.
 */
@NeedsTools(Tool.SAM_TRANSLATOR)
class DeployedTemplateTest {
    private static TransformedTemplate defaults;

    @BeforeAll
    static void transform() {
        defaults = TransformedTemplate.of(Map.of());
    }

    @Test
    void changingAParameterAFunctionUsesRepublishesTheVersionItsAliasTargets() {
        Map<String, Set<String>> usedBy = new TreeMap<>();
        for (String function : defaults.ofType("AWS::Lambda::Function")) {
            Set<String> used = new TreeSet<>();
            collectParameterRefs(defaults.properties(function).get("Environment"), used);
            used.forEach(parameter -> usedBy.computeIfAbsent(parameter, k -> new TreeSet<>()).add(function));
        }
        assertTrue(usedBy.keySet().containsAll(Set.of("RowsPerChunk", "StalledBatchMinutes")), usedBy.toString());
        for (Map.Entry<String, Set<String>> parameter : usedBy.entrySet()) {
            String other = anotherValidValue(parameter.getKey());
            TransformedTemplate changed = TransformedTemplate.of(Map.of(parameter.getKey(), other));
            for (String function : parameter.getValue()) {
                assertNotEquals(defaults.resolve(defaults.properties(function).get("Environment")),
                        changed.resolve(changed.properties(function).get("Environment")),
                        "$LATEST of " + function + " changes with " + parameter.getKey());
                assertNotEquals(aliasTarget(defaults, function), aliasTarget(changed, function),
                        "the live alias of " + function + " must reach a new version when " + parameter.getKey()
                                + " becomes " + other);
            }
        }
    }

    /** The version the function's alias points to: its logical id and its properties as CloudFormation resolves them. */
    private static List<Object> aliasTarget(TransformedTemplate template, String function) {
        String alias = template.ofType("AWS::Lambda::Alias").stream()
                .filter(a -> Map.of("Ref", function).equals(template.properties(a).get("FunctionName")))
                .findFirst().orElseThrow(() -> new AssertionError("no alias for " + function));
        List<?> getAtt = (List<?>) map(template.properties(alias).get("FunctionVersion")).get("Fn::GetAtt");
        String version = (String) getAtt.get(0);
        assertEquals("AWS::Lambda::Version", template.type(version));
        // Every property of AWS::Lambda::Version is replaced on change: a new value publishes a new version.
        return List.of(version, template.resolve(template.properties(version)));
    }

    private static void collectParameterRefs(Object value, Set<String> into) {
        if (value instanceof Map<?, ?> m) {
            Object ref = m.get("Ref");
            if (ref instanceof String name && !defaults.parameterDeclaration(name).isEmpty()) {
                into.add(name);
            }
            m.values().forEach(v -> collectParameterRefs(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectParameterRefs(v, into));
        }
    }

    private static String anotherValidValue(String parameter) {
        Map<String, Object> declaration = defaults.parameterDeclaration(parameter);
        String current = String.valueOf(declaration.get("Default"));
        if (declaration.get("AllowedValues") instanceof List<?> allowed) {
            return allowed.stream().map(String::valueOf).filter(v -> !v.equals(current)).findFirst().orElseThrow();
        }
        if ("String".equals(declaration.get("Type"))) {
            return current + "-other";
        }
        long value = Long.parseLong(current) + 1;
        assertTrue(!declaration.containsKey("MaxValue") || value <= ((Number) declaration.get("MaxValue")).longValue());
        return String.valueOf(value);
    }

    @Test
    void aNewAccountCanDeployIt_reservingWorkerConcurrencyIsOptional() {
        Map<String, Object> worker = map(defaults.resolve(defaults.properties("WorkerFunction")));
        assertFalse(worker.containsKey("ReservedConcurrentExecutions"),
                "no reservation by default: a new account's quota may not allow one");
        Map<String, Object> mapping = map(defaults.resolve(defaults.properties("WorkerEventSource")));
        assertEquals(String.valueOf(defaults.parameterDeclaration("WorkerConcurrency").get("Default")),
                map(mapping.get("ScalingConfig")).get("MaximumConcurrency"), "the event source caps the workers");

        TransformedTemplate reserving = TransformedTemplate.of(Map.of("ReserveWorkerConcurrency", "true",
                "WorkerConcurrency", "40"));
        assertEquals("40", map(reserving.resolve(reserving.properties("WorkerFunction")))
                .get("ReservedConcurrentExecutions"));
        assertEquals("40", map(map(reserving.resolve(reserving.properties("WorkerEventSource")))
                .get("ScalingConfig")).get("MaximumConcurrency"));

        Map<String, Object> concurrency = defaults.parameterDeclaration("WorkerConcurrency");
        assertEquals(2, ((Number) concurrency.get("MinValue")).intValue(), "SQS event sources take 2 at least");
        assertTrue(((Number) concurrency.get("MaxValue")).intValue() <= 900,
                "an account of 1,000 can reserve at most 900 (100 stay unreserved)");
    }

    @Test
    void splitterFailuresAfterLambdasRetriesGoToAQueue() {
        List<String> configs = defaults.ofType("AWS::Lambda::EventInvokeConfig");
        assertEquals(1, configs.size(), configs.toString());
        Map<String, Object> config = defaults.properties(configs.get(0));
        assertEquals(Map.of("Ref", "SplitterFunction"), config.get("FunctionName"));
        assertEquals("live", config.get("Qualifier"), "S3 invokes the alias: its invocations are the ones kept");
        assertEquals(2, ((Number) config.get("MaximumRetryAttempts")).intValue());
        Object destination = map(map(config.get("DestinationConfig")).get("OnFailure")).get("Destination");
        String queue = (String) ((List<?>) map(destination).get("Fn::GetAtt")).get(0);
        assertEquals("AWS::SQS::Queue", defaults.type(queue));

        List<Map<String, Object>> grants = new ArrayList<>();
        for (Object policy : (List<?>) defaults.properties("SplitterRole").get("Policies")) {
            for (Object statement : (List<?>) defaults.resolve(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                grants.add(map(statement));
            }
        }
        assertTrue(grants.stream().anyMatch(g -> List.of("sqs:SendMessage").equals(asList(g.get("Action")))
                        && asList(g.get("Resource")).contains(Map.of("Fn::GetAtt", List.of(queue, "Arn")))),
                "the splitter may send to its failure destination: " + grants);
        assertEquals(Map.of("Ref", queue), map(defaults.outputs().get("SplitterFailureQueueUrl")).get("Value"),
                "the stack names the queue, for the runbook and the commands");
    }

    @Test
    void everyRoleIsTheTemplatesOwnWithNoManagedPolicy() {
        List<String> roles = defaults.ofType("AWS::IAM::Role");
        assertEquals(List.of("AggregatorRole", "DeadLetterRole", "SplitterRole", "SweeperRole", "WorkerRole"), roles,
                "SAM makes no role of its own (they attach AWSLambdaBasicExecutionRole: every log group)");
        for (String role : roles) {
            assertFalse(defaults.properties(role).containsKey("ManagedPolicyArns"), role);
        }
    }

    @Test
    void tablesAndBucketOutliveTheStack() {
        List<String> stateful = new ArrayList<>(defaults.ofType("AWS::DynamoDB::Table"));
        stateful.addAll(defaults.ofType("AWS::S3::Bucket"));
        assertEquals(5, stateful.size(), stateful.toString());
        for (String name : stateful) {
            // Kept on delete and replacement; deleted only by the rollback of the create that made it.
            assertEquals("RetainExceptOnCreate", defaults.resource(name).get("DeletionPolicy"), name);
            assertEquals("Retain", defaults.resource(name).get("UpdateReplacePolicy"), name);
            if (defaults.type(name).equals("AWS::DynamoDB::Table")) {
                assertEquals(true, defaults.properties(name).get("DeletionProtectionEnabled"), name);
            }
        }
    }

    @Test
    void fifoQueueNamesEndInFifoAndFitEightyCharactersWhateverTheStackName() {
        TransformedTemplate longStack = TransformedTemplate.of(Map.of(), "s".repeat(128));
        List<String> names = new ArrayList<>();
        for (String queue : longStack.ofType("AWS::SQS::Queue")) {
            Map<String, Object> properties = map(longStack.resolve(longStack.properties(queue)));
            if (Boolean.TRUE.equals(properties.get("FifoQueue"))) {
                String name = (String) properties.get("QueueName");
                assertTrue(name != null && name.matches("[A-Za-z0-9_-]{1,75}\\.fifo"), queue + ": " + name);
                names.add(name);
            }
        }
        assertEquals(2, names.size(), names.toString());
        assertEquals(2, Set.copyOf(names).size(), names.toString());
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
