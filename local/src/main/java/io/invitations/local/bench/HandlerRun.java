package io.invitations.local.bench;

import io.invitations.aws.AwsClients;
import io.invitations.local.runtime.LocalPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link HandlerProcess} run in a child JVM, and what it printed. */
record HandlerRun(Map<String, String> values, ApiCounts counts) {

    /**
     * Runs {@code function} on {@code event} in a fresh JVM.
     *
     * @param heapMb the child's maximum heap, or 0 for the JVM's default
     * @param latency the wait before each of its requests, as in the parent's
     */
    static HandlerRun start(String classpath, int heapMb, String function, Path event, HandlerProcess.Mode mode,
                            LocalPipeline pipeline, Latency latency) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (heapMb > 0) {
            command.add("-Xmx" + heapMb + "m");
        }
        command.addAll(List.of("-cp", classpath, HandlerProcess.class.getName(), function, event.toString(),
                mode.name().toLowerCase()));
        Path log = Files.createTempFile("handler-" + function, ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            // What the template sets, and where the embedded servers are.
            builder.environment().putAll(pipeline.resources().config().toEnvironment());
            AwsClients.Endpoints endpoints = pipeline.endpoints();
            builder.environment().put(HandlerProcess.ENDPOINTS, endpoints.s3() + "," + endpoints.dynamo() + ","
                    + endpoints.sqs());
            builder.environment().put(Latency.ENVIRONMENT, latency.toEnvironment());
            Process child = builder.start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (child.waitFor() != 0) {
                throw new IllegalStateException(function + " (" + mode + ") failed in its JVM: "
                        + tail(Files.readString(log)));
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static HandlerRun parse(String output) {
        Map<String, String> values = new HashMap<>();
        Map<String, Long> requests = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            // The function's own JSON log lines share its standard output, as on Lambda.
            if (equals < 0 || line.startsWith("{")) {
                continue;
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (key.startsWith("request.")) {
                requests.put(key.substring("request.".length()), Long.parseLong(value));
            } else {
                values.put(key, value);
            }
        }
        return new HandlerRun(values, new ApiCounts(requests, Double.parseDouble(values.getOrDefault("write_units", "0")),
                Double.parseDouble(values.getOrDefault("read_units", "0"))));
    }

    long millis(String key) {
        return Long.parseLong(values.get(key));
    }

    double peakHeapMb() {
        return Long.parseLong(values.get("peak_heap_bytes")) / (1024.0 * 1024.0);
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
