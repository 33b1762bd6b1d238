package io.invitations.local;

import static io.invitations.local.TransformedTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitations.aws.CompletionEvent;
import io.invitations.aws.EmfMetrics;
import io.invitations.aws.Operations;
import io.invitations.observe.BatchFinished;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack's operations as CloudFormation receives them (through the SAM translator): every function logs JSON
 * to a log group of its own with a retention; every dead-letter queue and the splitter's failure destination,
 * every function's errors, throttles, the work queue's age and the pipeline's own metrics have an alarm that
 * notifies the alarm topic; the dashboard shows the metrics the code emits; only the aggregator may put events,
 * and only completion events on the configured bus.
 */
@NeedsTools(Tool.SAM_TRANSLATOR)
class OperationsTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TransformedTemplate template;

    @BeforeAll
    static void transform() {
        template = TransformedTemplate.of(Map.of("LogRetentionDays", "90", "AlarmEmail", "oncall@example.com",
                "EventBusName", "provisioning"));
    }

    @Test
    void everyFunctionLogsJsonToItsOwnLogGroupWithTheRetentionAsked() {
        List<String> functions = template.ofType("AWS::Lambda::Function");
        assertEquals(5, functions.size(), functions::toString);
        Set<Object> groups = new TreeSet<>();
        for (String function : functions) {
            Map<String, Object> logging = map(template.properties(function).get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), function);
            String group = (String) map(logging.get("LogGroup")).get("Ref");
            assertEquals("AWS::Logs::LogGroup", template.type(group), function);
            assertEquals("90", template.resolve(template.properties(group).get("RetentionInDays")), group);
            groups.add(template.resolve(template.properties(group).get("LogGroupName")));
            Map<String, Object> env = map(map(template.resolve(template.properties(function).get("Environment")))
                    .get("Variables"));
            assertEquals("invitations", env.get(Operations.STACK_NAME), "the metrics' Stack dimension");
        }
        assertEquals(5, groups.size(), "one group per function: " + groups);
    }

    @Test
    void everyDeadLetterQueueAndTheSplittersFailureDestinationHaveAnAlarm() {
        Set<String> queues = new TreeSet<>();
        for (String queue : template.ofType("AWS::SQS::Queue")) {
            Object target = map(template.properties(queue).get("RedrivePolicy")).get("deadLetterTargetArn");
            if (target != null) {
                queues.add((String) ((List<?>) map(target).get("Fn::GetAtt")).get(0));
            }
        }
        for (String config : template.ofType("AWS::Lambda::EventInvokeConfig")) {
            Object destination = map(map(map(template.properties(config).get("DestinationConfig")).get("OnFailure"))
                    .get("Destination"));
            queues.add((String) ((List<?>) map(destination).get("Fn::GetAtt")).get(0));
        }
        assertEquals(Set.of("ChunkDeadLetterQueue", "CompletionDeadLetterQueue", "SplitterFailureQueue"), queues);
        for (String queue : queues) {
            assertTrue(alarms().stream().anyMatch(alarm -> "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                    && dimension(alarm, "QueueName").equals(Map.of("Fn::GetAtt", List.of(queue, "QueueName")))
                    && ((Number) alarm.get("Threshold")).intValue() == 0), "an alarm on " + queue + " not empty");
        }
    }

    @Test
    void errorsThrottlesAndTheWorkQueuesAgeHaveAlarms() {
        for (String function : template.ofType("AWS::Lambda::Function")) {
            assertTrue(alarms().stream().anyMatch(alarm -> "Errors".equals(alarm.get("MetricName"))
                    && dimension(alarm, "FunctionName").equals(Map.of("Ref", function))), "errors of " + function);
            assertTrue(alarms().stream().anyMatch(alarm -> String.valueOf(alarm.get("Metrics")).contains("Throttles")
                    && String.valueOf(alarm.get("Metrics")).contains("{Ref=" + function + "}")), "throttles of " + function);
        }
        String workQueue = (String) ((List<?>) map(template.properties("WorkerEventSource").get("EventSourceArn"))
                .get("Fn::GetAtt")).get(0);
        Map<String, Object> age = alarms().stream()
                .filter(alarm -> "ApproximateAgeOfOldestMessage".equals(alarm.get("MetricName"))
                        && dimension(alarm, "QueueName").equals(Map.of("Fn::GetAtt", List.of(workQueue, "QueueName"))))
                .findFirst().orElseThrow(() -> new AssertionError("no age alarm on the work queue"));
        assertEquals("1800", String.valueOf(template.resolve(age.get("Threshold"))));
    }

    @Test
    void thePipelinesOwnMetricsHaveAlarmsOnWhatTheCodeEmits() {
        for (String metric : List.of(EmfMetrics.STALLED_BATCHES_SWEPT, EmfMetrics.AGGREGATIONS_ABANDONED,
                EmfMetrics.CHUNKS_DEAD_LETTERED)) {
            Map<String, Object> alarm = alarms().stream().filter(a -> metric.equals(a.get("MetricName"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no alarm on " + metric));
            assertEquals(Operations.DEFAULT_NAMESPACE, alarm.get("Namespace"));
            assertEquals("invitations", template.resolve(dimension(alarm, "Stack")));
        }
        for (String name : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> alarm = template.properties(name);
            assertEquals(List.of(Map.of("Ref", "AlarmTopic")), alarm.get("AlarmActions"), name);
            assertEquals("notBreaching", alarm.get("TreatMissingData"), name);
        }
        Map<String, Object> subscription = template.resource("AlarmEmailSubscription");
        assertEquals("HasAlarmEmail", subscription.get("Condition"));
        assertEquals("oncall@example.com", template.resolve(map(subscription.get("Properties")).get("Endpoint")));
    }

    @Test
    void theDashboardShowsRowsFailuresQueueDepthDeadLettersAndEveryAlarm() throws Exception {
        JsonNode body = JSON.readTree((String) template.resolve(template.properties("Dashboard").get("DashboardBody")));
        String text = body.toString();
        for (String metric : List.of(EmfMetrics.ROWS_PROCESSED, EmfMetrics.ROWS_FAILED, EmfMetrics.CHUNKS_DEAD_LETTERED,
                EmfMetrics.batchesMetric(BatchFinished.Outcome.FAILED), "ApproximateNumberOfMessagesVisible",
                "ApproximateAgeOfOldestMessage", "<ChunkQueue.QueueName>", "<ChunkDeadLetterQueue.QueueName>")) {
            assertTrue(text.contains("\"" + metric + "\""), "the dashboard shows " + metric);
        }
        List<String> shown = new ArrayList<>();
        body.get("widgets").forEach(w -> w.at("/properties/alarms").forEach(a -> shown.add(a.asText())));
        assertEquals(template.ofType("AWS::CloudWatch::Alarm").stream().map(a -> "<" + a + ".Arn>").sorted().toList(),
                shown.stream().sorted().toList(), "every alarm, and only alarms that exist");
    }

    @Test
    void onlyTheAggregatorMayPutEventsAndOnlyCompletionEventsOnTheConfiguredBus() {
        List<String> putters = new ArrayList<>();
        for (String role : template.ofType("AWS::IAM::Role")) {
            for (Object policy : (List<?>) template.properties(role).getOrDefault("Policies", List.of())) {
                for (Object statement : (List<?>) map(map(policy).get("PolicyDocument")).get("Statement")) {
                    Map<String, Object> st = map(template.resolve(statement));
                    if (String.valueOf(st.get("Action")).contains("events:")) {
                        putters.add(role);
                        assertEquals(List.of("events:PutEvents"), st.get("Action"));
                        assertEquals("arn:aws:events:eu-west-1:123456789012:event-bus/provisioning", st.get("Resource"));
                        Map<String, Object> equals = map(map(st.get("Condition")).get("StringEquals"));
                        assertEquals(CompletionEvent.SOURCE, equals.get("events:source"));
                        assertEquals(CompletionEvent.DETAIL_TYPE, equals.get("events:detail-type"));
                    }
                }
            }
        }
        assertEquals(List.of("AggregatorRole"), putters);
        Map<String, Object> env = map(map(template.resolve(template.properties("AggregatorFunction").get("Environment")))
                .get("Variables"));
        assertEquals("provisioning", env.get(Operations.EVENT_BUS_NAME));
        assertFalse(map(map(template.resolve(template.properties("WorkerFunction").get("Environment")))
                .get("Variables")).containsKey(Operations.EVENT_BUS_NAME));
    }

    private static List<Map<String, Object>> alarms() {
        return template.ofType("AWS::CloudWatch::Alarm").stream().map(template::properties).toList();
    }

    private static Object dimension(Map<String, Object> alarm, String name) {
        for (Object dimension : (List<?>) alarm.getOrDefault("Dimensions", List.of())) {
            if (name.equals(map(dimension).get("Name"))) {
                return map(dimension).get("Value");
            }
        }
        return Map.of();
    }
}
