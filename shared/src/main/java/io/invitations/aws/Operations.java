package io.invitations.aws;

import io.invitations.observe.PipelineObserver;
import io.invitations.pipeline.PipelineServices;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

/**
 * Where a pipeline's operations go: metrics from every function; completion events from the aggregator only,
 * built when it is, so that the other functions' packages need no EventBridge client.
 */
public record Operations(PipelineObserver metrics, Supplier<PipelineObserver> completionEvents) {
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
    public static final String STACK_NAME = "STACK_NAME";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String DEFAULT_NAMESPACE = "Invitations";

    public static Operations none() {
        return new Operations(PipelineObserver.NONE, () -> PipelineObserver.NONE);
    }

    /** As template.yaml configures a function: metrics to its standard output, events to the stack's bus. */
    public static Operations fromEnvironment(Map<String, String> env, AwsClients clients) {
        return new Operations(new EmfMetrics(new LambdaEnvironment(), env.getOrDefault(METRICS_NAMESPACE,
                DEFAULT_NAMESPACE), env.getOrDefault(STACK_NAME, "invitations")),
                () -> new EventBridgeCompletions(clients.eventBridge(), env.getOrDefault(EVENT_BUS_NAME, "default")));
    }

    /**
     * Every function reports its metrics; the aggregator reports the completion event first (it may throw, and then
     * nothing is counted), then its metrics.
     */
    public PipelineServices.Observers observers() {
        return new PipelineServices.Observers(metrics,
                () -> PipelineObserver.all(List.of(completionEvents.get(), metrics)));
    }
}
