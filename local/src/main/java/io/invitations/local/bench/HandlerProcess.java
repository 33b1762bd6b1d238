package io.invitations.local.bench;

import io.invitations.aws.AwsClients;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.Operations;
import io.invitations.aws.PipelineConfig;
import io.invitations.local.runtime.LocalClients;
import io.invitations.local.runtime.LocalFunctions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * One function's cold start in a fresh JVM: builds its handler against the endpoints in the environment,
 * optionally primes it as SnapStart would before the snapshot, handles one event, and prints {@code key=value}
 * lines: timings, the peak heap, every SDK request and the DynamoDB capacity consumed.
 * Usage: {@code HandlerProcess FUNCTION EVENT_FILE tuned|plain|primed}.
 */
public final class HandlerProcess {
    static final String ENDPOINTS = "INVITATIONS_LOCAL_ENDPOINTS";

    /** How the function is configured: as deployed, as deployed and primed, or the SDK's defaults. */
    public enum Mode { PLAIN, TUNED, PRIMED }

    private HandlerProcess() {
    }

    public static void main(String[] args) throws Exception {
        HeapPeak heap = new HeapPeak();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        LocalFunctions function = LocalFunctions.named(args[0]).orElseThrow(
                () -> new IllegalArgumentException("no function " + args[0]));
        String event = Files.readString(Path.of(args[1]));
        Mode mode = Mode.valueOf(args[2].toUpperCase());

        RequestCounter counter = new RequestCounter();
        String[] endpoints = System.getenv(ENDPOINTS).split(",");
        AwsClients clients = LocalClients.forEndpoints(new AwsClients.Endpoints(URI.create(endpoints[0]),
                        URI.create(endpoints[1]), URI.create(endpoints[2])),
                new Interceptors(counter, Latency.fromEnvironment(System.getenv(Latency.ENVIRONMENT)).delay()),
                mode == Mode.PLAIN ? AwsClients.Http.SDK_DEFAULT : AwsClients.Http.URL_CONNECTION);
        // No EventBridge here to publish to: the completion events (the aggregator's) are not measured.
        AwsPipeline pipeline = new AwsPipeline(clients, PipelineConfig.fromEnvironment(System.getenv()),
                Operations.none(), Clock.systemUTC());
        LocalFunctions.Invocable handler = function.handler(pipeline);
        long ready = System.currentTimeMillis();
        long primed = ready;
        if (mode == Mode.PRIMED) {
            function.prime(pipeline);
            primed = System.currentTimeMillis();
        }
        Object response = handler.invoke(event);
        long done = System.currentTimeMillis();

        ApiCounts counts = counter.counts();
        StringBuilder out = new StringBuilder();
        out.append("init_ms=").append(ready - jvmStart).append('\n');
        out.append("priming_ms=").append(primed - ready).append('\n');
        out.append("first_event_ms=").append(done - primed).append('\n');
        out.append("jvm_start_to_response_ms=").append(done - jvmStart).append('\n');
        out.append("peak_heap_bytes=").append(heap.peakBytes()).append('\n');
        out.append("write_units=").append(counts.writeUnits()).append('\n');
        out.append("read_units=").append(counts.readUnits()).append('\n');
        for (Map.Entry<String, Long> request : counts.requests().entrySet()) {
            out.append("request.").append(request.getKey()).append('=').append(request.getValue()).append('\n');
        }
        out.append("response=").append(String.valueOf(response).replace('\n', ' ')).append('\n');
        System.out.print(out);
        System.out.flush();
    }
}
