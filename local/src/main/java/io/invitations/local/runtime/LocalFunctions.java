package io.invitations.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.invitations.aggregator.AggregatorHandler;
import io.invitations.aggregator.SweeperHandler;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.lambda.LocalContext;
import io.invitations.splitter.SplitterHandler;
import io.invitations.worker.DeadLetterHandler;
import io.invitations.worker.WorkerHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The functions of template.yaml: each one's handler (built as Lambda builds it, around a pipeline), the
 * event type its trigger sends, and its SnapStart priming. The handlers are named in lambdas, not method
 * references, so that a JVM holding only one function's package can still use this table for that function.
 */
public enum LocalFunctions {
    SPLITTER("splitter", "splitter", S3Event.class, p -> new SplitterHandler(p.splitterFunction()),
            p -> p.primeSplitter()),
    WORKER("worker", "worker", SQSEvent.class, p -> new WorkerHandler(p.workerFunction()), p -> p.primeWorker()),
    DEAD_LETTER("dead-letter", "worker", SQSEvent.class, p -> new DeadLetterHandler(p.workerFunction()),
            p -> p.primeWorker()),
    AGGREGATOR("aggregator", "aggregator", SQSEvent.class, p -> new AggregatorHandler(p.aggregatorFunction()),
            p -> p.primeAggregator()),
    SWEEPER("sweeper", "aggregator", ScheduledEvent.class, p -> new SweeperHandler(p.sweeperFunction()),
            p -> p.primeAggregator());

    private final String functionName;
    private final String module;
    private final Class<?> eventType;
    private final Function<AwsPipeline, RequestHandler<?, ?>> handler;
    private final Consumer<AwsPipeline> priming;

    LocalFunctions(String functionName, String module, Class<?> eventType,
                   Function<AwsPipeline, RequestHandler<?, ?>> handler, Consumer<AwsPipeline> priming) {
        this.functionName = functionName;
        this.module = module;
        this.eventType = eventType;
        this.handler = handler;
        this.priming = priming;
    }

    public static Optional<LocalFunctions> named(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }

    public String functionName() {
        return functionName;
    }

    /** The Maven module under functions/ that packages this function. */
    public String module() {
        return module;
    }

    /** Builds the handler over {@code pipeline}; what the Lambda runtime does on a cold start. */
    public Invocable handler(AwsPipeline pipeline) {
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> built = (RequestHandler<Object, Object>) handler.apply(pipeline);
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> events = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventType,
                LocalFunctions.class.getClassLoader());
        return json -> built.handleRequest(events.fromJson(json), new LocalContext(functionName));
    }

    /** An event as JSON, as the Lambda runtime's serializer writes it. */
    @SuppressWarnings("unchecked")
    public static <T> String eventJson(T event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor((Class<T>) event.getClass(), LocalFunctions.class.getClassLoader())
                .toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the function runs before a SnapStart snapshot. */
    public void prime(AwsPipeline pipeline) {
        priming.accept(pipeline);
    }

    /** A built handler: event JSON in, the handler's response out. */
    @FunctionalInterface
    public interface Invocable {
        Object invoke(String eventJson);
    }
}
