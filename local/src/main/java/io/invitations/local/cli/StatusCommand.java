package io.invitations.local.cli;

import io.invitations.aws.SummaryJson;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchRecord;
import io.invitations.json.Json;
import io.invitations.local.client.AccessDenied;
import io.invitations.local.runtime.EmbeddedServers;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code status}: recent batches, unfinished ones first, with their counts and state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"List recent batches with their counts and state: uploads the splitter gave up on (from its"
                + " failure queue: UPLOAD_FAILED), unfinished batches (from the batches table: REJECTED, SPLITTING,"
                + " RUNNING, AGGREGATING) and finished ones (from their summaries in the bucket: COMPLETED, CANCELLED, FAILED).",
                "With BATCH (a batch id, an uploaded key or a file name), show that batch."},
        footer = {"", "Examples:", "  ./invitations status", "  ./invitations status students.csv",
                "  ./invitations status --stack invitations --limit 20"})
public final class StatusCommand implements Callable<Integer>, RunsNoFunctions {
    static final String UPLOAD_FAILED = "UPLOAD_FAILED";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Mixin
    private RemoteOptions remote;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BATCH", description = "A batch id, uploaded key or file name")
    private String batch;

    @Option(names = "--limit", defaultValue = "10", description = "How many finished batches (default: ${DEFAULT-VALUE})")
    private int limit;

    @Option(names = "--json", description = "Print the batches as a JSON array")
    private boolean json;

    /** One line of the listing. */
    record Row(String state, String batchId, String source, long processed, long total, long succeeded, long failed,
               Instant startedAt, Instant finishedAt, String results, String error) {

        /** The row as a summary (an upload that failed before its batch was registered: FAILED). */
        BatchSummary summary() {
            BatchStatus status = state.equals(UPLOAD_FAILED) ? BatchStatus.FAILED : BatchStatus.valueOf(state);
            return new BatchSummary(batchId, source, status, total, succeeded, failed, startedAt, finishedAt, results,
                    error, null);
        }

        /** Whether {@code batch} (a batch id, an uploaded key or a file name) names this batch. */
        boolean names(String batch) {
            String key = source.substring(source.indexOf('/', "s3://".length()) + 1);
            return batchId.equals(batch) || key.equals(batch) || key.endsWith("/" + batch);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Target target = Target.reading(local, remote, EmbeddedServers.Server.S3,
                EmbeddedServers.Server.DYNAMODB)) {
            List<Row> rows;
            Withheld withheld = new Withheld();
            List<Row> failedUploads = withheld.unlessDenied(() -> failedUploads(target).toList(),
                    "uploads the splitter gave up on (its failure queue)");
            List<Row> unfinished = withheld.unlessDenied(() -> unfinished(target).toList(),
                    "unfinished batches (the batches table)");
            if (batch == null) {
                rows = Stream.of(failedUploads.stream(), unfinished.stream(), finished(target, withheld).limit(limit))
                        .flatMap(s -> s).toList();
            } else {
                // Newest first, each summary read only until the batch is found.
                rows = Stream.of(failedUploads.stream(), unfinished.stream(), finished(target, withheld))
                        .flatMap(s -> s).filter(row -> row.names(batch)).limit(1).toList();
                withheld.report(err);
                if (rows.isEmpty()) {
                    err.println("error: no batch " + batch + " among the unfinished and finished batches of "
                            + target.description());
                    return BatchRun.FAILED;
                }
            }
            if (json) {
                out.println(json(rows));
            } else if (batch != null) {
                printDetail(out, rows.get(0));
            } else {
                printTable(out, rows, target);
            }
            if (batch == null) {
                withheld.report(json ? err : out);
            }
            return 0;
        } catch (Exception e) {
            err.println("error: " + BatchRun.messageOf(e));
            return BatchRun.FAILED;
        }
    }

    /**
     * The newest batch that {@code batch} (a batch id, an uploaded key or a file name) names, unfinished first,
     * among those these credentials may read.
     */
    static Optional<Row> find(Target target, String batch) {
        Withheld withheld = new Withheld();
        return Stream.of(withheld.unlessDenied(() -> unfinished(target).toList(), "").stream(),
                        finished(target, withheld))
                .flatMap(s -> s).filter(row -> row.names(batch)).findFirst();
    }

    /** Uploads whose splitter failed every attempt before registering their batch: nothing else shows them. */
    private static Stream<Row> failedUploads(Target target) {
        return target.splitterFailures().stream().flatMap(failures -> failures.peek().stream())
                .map(f -> new Row(UPLOAD_FAILED, f.upload().batchId(), f.upload().uri(), 0, 0, 0, 0, f.failedAt(),
                        null, null, "the splitter failed " + f.attempts() + " times (" + f.error()
                        + "); it is kept in the splitter's failure queue: see the runbook (docs/operations.md) to"
                        + " re-drive it"));
    }

    private static Stream<Row> unfinished(Target target) {
        return target.batches().stream()
                .flatMap(store -> store.idleSince(Instant.now().plusSeconds(1)).stream())
                .sorted(Comparator.comparing((BatchRecord b) -> b.times().started()).reversed())
                .map(b -> new Row(b.status().name(), b.batchId(), b.source().uri(), b.counts().processed(),
                        b.counts().total(), b.counts().succeeded(), b.counts().failed(), b.times().started(), null,
                        null, b.error()));
    }

    /**
     * What these credentials may not read on AWS (a provisioner: the batches table, and export and revocation
     * summaries; a viewer: the batches table), left out of the listing and said once at its end.
     */
    private static final class Withheld {
        private final Set<String> what = new LinkedHashSet<>();

        <T> List<T> unlessDenied(Supplier<List<T>> read, String description) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (!AccessDenied.is(e)) {
                    throw e;
                }
                what.add(description);
                return List.of();
            }
        }

        void report(PrintWriter to) {
            if (!what.isEmpty()) {
                to.println("(not shown, as AWS denies them to these credentials: " + String.join("; ", what)
                        + ". Who may read what: docs/security.md)");
            }
        }
    }

    /** The summaries in the bucket, newest first, each read when the stream reaches it. */
    private static Stream<Row> finished(Target target, Withheld withheld) {
        Stream<S3Object> summaries = target.s3().listObjectsV2Paginator(b -> b.bucket(target.bucket())
                        .prefix(BatchKind.RESULTS)).contents().stream()
                .filter(o -> o.key().endsWith("-summary.json"))
                .sorted(Comparator.comparing(S3Object::lastModified).reversed());
        return summaries.flatMap(o -> withheld.unlessDenied(() -> List.of(SummaryJson.read(target.s3()
                        .getObjectAsBytes(b -> b.bucket(target.bucket()).key(o.key())).asString(StandardCharsets.UTF_8))),
                        "summaries under " + o.key().substring(0, o.key().lastIndexOf('/') + 1)).stream())
                .map(s -> new Row(s.status().name(), s.batchId(), s.source(), s.total(), s.total(), s.succeeded(), s.failed(),
                        s.startedAt(), s.finishedAt(), s.results(), s.error()));
    }

    private static void printTable(PrintWriter out, List<Row> rows, Target target) {
        if (rows.isEmpty()) {
            out.println("no batches yet in " + target.description());
            return;
        }
        out.printf("%-13s %17s %8s  %-19s  %-34s  %s%n", "STATE", "ROWS DONE/TOTAL", "FAILED", "STARTED (UTC)",
                "BATCH", "SOURCE");
        for (Row row : rows) {
            out.printf("%-13s %17s %,8d  %-19s  %-34s  %s%n", row.state(),
                    String.format("%,d/%,d", row.processed(), row.total()), row.failed(),
                    row.startedAt() == null ? "" : TIME.format(row.startedAt()), row.batchId(), row.source());
        }
        if (target.batches().isEmpty()) {
            out.println("(unfinished batches are listed with --stack, which names the batches table)");
        }
        if (rows.stream().anyMatch(row -> row.state().equals(UPLOAD_FAILED))) {
            out.println("(UPLOAD_FAILED: no batch was registered; `status BATCH` shows why, the runbook"
                    + " (docs/operations.md) how to re-drive it)");
        }
    }

    private static void printDetail(PrintWriter out, Row row) {
        out.printf("batch      %s%nsource     %s%nstate      %s%nrows       %,d of %,d counted: %,d succeeded, %,d"
                        + " failed%nstarted    %s%n", row.batchId(), row.source(), row.state(), row.processed(),
                row.total(), row.succeeded(), row.failed(), row.startedAt());
        if (row.finishedAt() != null) {
            out.printf("finished   %s%n", row.finishedAt());
        }
        if (row.results() != null) {
            out.printf("results    %s%n", row.results());
        }
        if (row.error() != null) {
            out.printf("error      %s%n", row.error());
        }
    }

    private static String json(List<Row> rows) {
        return Json.write(g -> {
            g.writeStartArray();
            for (Row row : rows) {
                g.writeStartObject();
                g.writeStringField("state", row.state());
                g.writeNumberField("processed", row.processed());
                SummaryJson.writeFields(g, row.summary());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
