package io.invitations.local.cli;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.invitations.json.Json;
import io.invitations.local.runtime.LocalFunctions;
import io.invitations.local.runtime.LocalPipeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code invoke}: one handler on one event, as {@code sam local invoke} does, without Docker. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Run one function's handler on one event file against the local state, and print its"
                + " response. The handler is built as Lambda builds it; the event is read by the Lambda runtime's"
                + " own serializer. Only this function runs: messages it queues wait for the next serve or batch"
                + " command.", "Functions: splitter (S3 event), worker, dead-letter, aggregator (SQS events),"
                + " sweeper (scheduled event). Sample events for each are under events/."},
        footer = {"", "Examples:", "  ./invitations invoke sweeper --event events/scheduled-sweep.json",
                "  ./invitations invoke splitter --event events/s3-object-created-create.json",
                "  ./invitations invoke worker --event events/sqs-chunk.json"})
public final class InvokeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "splitter, worker, dead-letter, aggregator or sweeper")
    private String function;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "The event, as JSON")
    private Path event;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalFunctions named = LocalFunctions.named(function).orElse(null);
        if (named == null) {
            err.println("error: no function " + function + "; the functions are " + Arrays.stream(LocalFunctions.values())
                    .map(LocalFunctions::functionName).collect(Collectors.joining(", ")));
            return BatchRun.FAILED;
        }
        try (LocalPipeline pipeline = local.start()) {
            String json = Files.readString(event);
            Object response;
            try {
                response = named.handler(pipeline.pipeline()).invoke(json);
            } catch (RuntimeException e) {
                // As Lambda reports a function error: the invocation failed, the event would be retried.
                out.println(Json.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("errorType", e.getClass().getName());
                    g.writeStringField("errorMessage", BatchRun.messageOf(e));
                    g.writeEndObject();
                }));
                return BatchRun.SOME_FAILED;
            }
            out.println(responseJson(response));
            return 0;
        } catch (Exception e) {
            err.println("error: " + BatchRun.messageOf(e));
            return BatchRun.FAILED;
        }
    }

    /** The response as the Lambda runtime serializes the handlers' return types. */
    private static String responseJson(Object response) {
        return Json.write(g -> {
            if (response instanceof SQSBatchResponse batch) {
                g.writeStartObject();
                g.writeArrayFieldStart("batchItemFailures");
                for (SQSBatchResponse.BatchItemFailure failure : batch.getBatchItemFailures()) {
                    g.writeStartObject();
                    g.writeStringField("itemIdentifier", failure.getItemIdentifier());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } else if (response instanceof List<?> lines) {
                g.writeStartArray();
                for (Object line : lines) {
                    g.writeString(String.valueOf(line));
                }
                g.writeEndArray();
            } else if (response instanceof Number number) {
                g.writeNumber(number.longValue());
            } else {
                g.writeString(String.valueOf(response));
            }
        });
    }
}
