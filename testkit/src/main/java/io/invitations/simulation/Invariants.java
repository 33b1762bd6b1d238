package io.invitations.simulation;

import io.invitations.batch.BatchKind;
import io.invitations.batch.BatchStatus;
import io.invitations.batch.BatchSummary;
import io.invitations.batch.RowResult;
import io.invitations.batch.ResultKeys;
import io.invitations.csv.CsvRecord;
import io.invitations.csv.InvitationCsvReader;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.pipeline.AcceptBatch;
import io.invitations.store.InvitationStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must hold of a schedule: after every step, no invitation bound to more devices than its MaxDevices; at the
 * end, every upload's batch finished (or its notifications all in the splitter's failure destination), every input
 * row exactly once in its results in input order, counters equal to the rows, invitations and Success rows one to
 * one with unique tokens, no device on a revoked invitation, no device without its accepted row, every version
 * of a results file the same bytes, and a repeated file (the same kind, bytes and options, without new-batch) run
 * at most once: every later upload of it a repeat whose results are the first's, creating nothing; every
 * invitation an export listed still there, and every revocation that reported Success still in force; no two
 * active invitations holding one External Id in one scope; a cancelled batch's Cancelled rows creating nothing
 * (the one-to-one of invitations and Success rows); and no worker invocation running past its timeout.
 */
final class Invariants {
    private final InMemoryPipeline world;
    private final List<Upload> uploads;
    private final List<Upload> dropped;
    private final List<String> violations = new ArrayList<>();
    private long overLimit;

    Invariants(InMemoryPipeline world, List<Upload> uploads, List<Upload> dropped) {
        this.world = world;
        this.uploads = uploads;
        this.dropped = dropped;
    }

    /** The counts a schedule reports, and what it violated (empty when nothing). */
    record Report(long rows, long lost, long twice, long orphans, long overLimit, long repeats, long cancels,
                  List<String> violations) {
        Report withRows(long inputRows) {
            return new Report(inputRows, lost, twice, orphans, overLimit, repeats, cancels, violations);
        }

        boolean failed() {
            return !violations.isEmpty();
        }

        /** The first violation's invariant: what the shrinker keeps while it removes faults. */
        String invariant() {
            return violations.isEmpty() ? "" : violations.get(0).split(":")[0];
        }
    }

    void afterStep() {
        List<String> over = world.invitations.overLimit();
        if (!over.isEmpty() && overLimit == 0) {
            violations.add("over_limit: invitation " + over.get(0).substring(0, 12) + "... is bound to more devices"
                    + " than its MaxDevices");
        }
        overLimit += over.size();
    }

    /**
     * {@code timeouts}: worker invocations that ran past their function's timeout. None may: Lambda kills one and
     * drops its partial-batch response, so all its messages come back, and one that keeps coming back is
     * dead-lettered, healthy or not.
     */
    Report atEnd(String stuck, long timeouts) {
        if (stuck != null) {
            violations.add("unfinished: " + stuck);
        }
        if (timeouts > 0) {
            violations.add("timeout: " + timeouts + " worker invocations ran past their timeout, their responses lost");
        }
        long lost = 0;
        long twice = 0;
        long orphans = 0;
        long repeats = 0;
        long cancels = 0;
        Set<String> issued = new HashSet<>();
        Map<String, String> acceptedDevices = new HashMap<>();
        Map<String, Upload> ranFile = new HashMap<>();
        // Every batch's results first: a repeat may be uploaded before the batch it repeats (S3 notified it later).
        Map<String, List<Map<String, String>>> resultsByBatch = new HashMap<>();
        for (Upload upload : uploads) {
            if (upload.finished != null) {
                resultsByBatch.put(upload.source.batchId(), rows(upload.finished.results().orElse("")));
            }
        }
        for (Upload upload : uploads) {
            if (upload.source == null) {
                if (!dropped.contains(upload)) {
                    violations.add("lost: upload " + upload + " was never split nor sent to the failure destination");
                }
                continue;
            }
            Optional<InMemoryPipeline.Finished> finished = Optional.ofNullable(upload.finished);
            if (finished.isEmpty()) {
                if (world.batches.find(upload.source.batchId()).isPresent()) {
                    violations.add("unfinished: the batch of " + upload + " has no summary");
                } else if (!dropped.contains(upload)) {
                    violations.add("lost: upload " + upload + " has no batch and is not in the failure destination");
                }
                continue;
            }
            BatchSummary summary = finished.get().summary();
            boolean ownOutputs = summary.batchId().equals(upload.source.batchId());
            // A repeat under the same key may write its outputs (the same rows) before this batch's were read.
            boolean replacedByItsRepeat = upload.source.batchId().equals(summary.repeats());
            if (!ownOutputs && !replacedByItsRepeat) {
                violations.add("overwritten: the outputs of " + upload + " were replaced by batch " + summary.batchId()
                        + " before they were read");
                continue;
            }
            if (finished.get().batch().failedAsAWhole()) {
                if (upload.kind == BatchKind.ACCEPT) {
                    // Without results (its aggregation given up on), its accepts stay made: its recorded rows say which.
                    world.batches.forEachChunk(upload.source.batchId(), chunk -> chunk.rows().forEach(row ->
                            acceptedDevices.put(((RowResult.Accept) row).name() + "\n"
                                    + ((RowResult.Accept) row).deviceId(), upload.toString())));
                }
                continue;
            }
            if (upload.kind == BatchKind.EXPORT) {
                for (Map<String, String> row : resultsByBatch.get(upload.source.batchId())) {
                    if (world.invitations.find(row.get("Token")).isEmpty()) {
                        violations.add("exported: invitation " + row.get("Token").substring(0, 12) + "..., listed by "
                                + upload + ", no longer exists");
                    }
                }
                continue;
            }
            List<Map<String, String>> results = resultsByBatch.get(upload.source.batchId());
            if (ownOutputs && summary.status() == BatchStatus.CANCELLED) {
                cancels++;
            }
            if (ownOutputs && summary.repeats() != null) {
                repeats++;
                checkRepeat(upload, summary.repeats(), results, resultsByBatch);
                continue;
            }
            if (!"true".equals(upload.metadata.get("new-batch"))) {
                Upload first = ranFile.putIfAbsent(fileOf(upload), upload);
                if (first != null) {
                    violations.add("repeated: the file of " + first + " ran again as " + upload + ", creating anew");
                }
            }
            String column = upload.kind == BatchKind.REVOKE ? "Token" : "Name";
            List<String> written = results.stream().map(r -> r.getOrDefault(column, "")).toList();
            if (written.size() < upload.rows.size()) {
                lost += upload.rows.size() - written.size();
                violations.add("lost: " + upload + " has " + written.size() + " result rows for "
                        + upload.rows.size() + " input rows");
            } else if (written.size() > upload.rows.size()) {
                twice += written.size() - upload.rows.size();
                violations.add("twice: " + upload + " has " + written.size() + " result rows for "
                        + upload.rows.size() + " input rows");
            } else if (!written.equals(upload.rows)) {
                violations.add("order: the results of " + upload + " are not in input order");
            }
            // An Existing row (its External Id's invitation, not created again) succeeded too.
            long successes = results.stream().filter(r -> "Success".equals(r.get("Status"))
                    || "Existing".equals(r.get("Status"))).count();
            if (summary.total() != upload.rows.size() || summary.succeeded() != successes
                    || summary.succeeded() + summary.failed() != summary.total()) {
                twice += Math.abs(summary.total() - upload.rows.size());
                violations.add("counted: the summary of " + upload + " says " + summary.total() + " rows, "
                        + summary.succeeded() + " succeeded, " + summary.failed() + " failed; the results hold "
                        + results.size() + " rows, " + successes + " Success");
            }
            for (Map<String, String> row : results) {
                if (upload.kind == BatchKind.ACCEPT && row.getOrDefault("Error", "").endsWith(AcceptBatch.MAY_HAVE_BOUND)) {
                    acceptedDevices.put(row.get("Name") + "\n" + row.get("Device Id"), upload.toString());
                }
                if (!"Success".equals(row.get("Status"))) {
                    continue;
                }
                if (upload.kind == BatchKind.CREATE && !issued.add(row.get("Token"))) {
                    violations.add("tokens: token " + row.get("Token").substring(0, 12) + "... issued twice");
                }
                if (upload.kind == BatchKind.ACCEPT) {
                    acceptedDevices.put(row.get("Name") + "\n" + row.get("Device Id"), upload.toString());
                }
                if (upload.kind == BatchKind.REVOKE && world.invitations.find(row.get("Token"))
                        .filter(InvitationStore.StoredInvitation::revoked).isEmpty()) {
                    violations.add("undone: " + upload + " revoked " + row.get("Token").substring(0, 12)
                            + "... (Success), which is not revoked at the end");
                }
            }
            ResultKeys keys = ResultKeys.of(upload.kind, upload.key, finished.get().batch().times().started());
            boolean ownKey = uploads.stream().filter(u -> u.key.equals(upload.key)).count() == 1;
            if (ownKey && world.objects.contents(InMemoryPipeline.BUCKET, keys.results()).stream().distinct().count() > 1) {
                violations.add("aggregated: the results of " + upload + " were written twice with different bytes");
            }
        }
        List<String> stored = new ArrayList<>();
        Map<String, String> holders = new HashMap<>();
        world.invitations.forEach(invitation -> {
            stored.add(invitation.invitation().token());
            if (!invitation.externalId().isEmpty() && invitation.isActiveAt(world.clock.instant())
                    && holders.put(invitation.invitation().parentToken() + "\n" + invitation.externalId(),
                    invitation.invitation().token()) != null) {
                violations.add("external_ids: two active invitations hold External Id " + invitation.externalId());
            }
            boolean revoked = invitation.revoked();
            int devices = world.invitations.devicesOf(invitation.invitation().token()).size();
            if (revoked && devices > 0) {
                violations.add("revoked: a revoked invitation still has " + devices + " devices");
            }
            for (var device : world.invitations.devicesOf(invitation.invitation().token())) {
                if (!acceptedDevices.containsKey(invitation.invitation().name() + "\n" + device.deviceId())) {
                    violations.add("orphans: a device is bound with no Success row of an accept batch (nor a row"
                            + " given up on that says it may be bound)");
                }
            }
        });
        for (String token : stored) {
            if (!issued.contains(token)) {
                orphans++;
            }
        }
        for (String token : issued) {
            if (!stored.contains(token)) {
                orphans++;
            }
        }
        if (orphans > 0) {
            violations.add("orphans: " + orphans + " invitations without their Success row, or the reverse");
        }
        return new Report(0, lost, twice, orphans, overLimit, repeats, cancels, List.copyOf(violations));
    }

    /** A repeat's results are the rows of the batch it repeats, of the same file. */
    private void checkRepeat(Upload repeat, String originalId, List<Map<String, String>> results,
                             Map<String, List<Map<String, String>>> resultsByBatch) {
        Optional<Upload> original = uploads.stream()
                .filter(u -> u.source != null && u.source.batchId().equals(originalId)).findFirst();
        if (original.isEmpty() || !fileOf(original.get()).equals(fileOf(repeat))) {
            violations.add("repeated: " + repeat + " was answered as a repeat of batch " + originalId
                    + ", which is not an upload of the same file");
        } else if (!results.equals(resultsByBatch.get(originalId))) {
            violations.add("repeated: the results of " + repeat + " are not those of " + original.get());
        }
    }

    /** What makes two uploads the same file: kind, options (new-batch aside) and bytes. */
    private static String fileOf(Upload upload) {
        Map<String, String> options = new TreeMap<>(upload.metadata);
        options.remove("new-batch");
        return upload.kind + "\n" + options + "\n" + upload.content;
    }

    /** The rows of a results CSV, by column name, read as the product reads CSV. */
    static List<Map<String, String>> rows(String csv) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InvitationCsvReader reader = new InvitationCsvReader(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            Optional<List<String>> header = reader.next().map(CsvRecord::fields);
            if (header.isEmpty()) {
                return rows;
            }
            for (Optional<CsvRecord> row = reader.next(); row.isPresent(); row = reader.next()) {
                Map<String, String> cells = new HashMap<>();
                List<String> fields = row.get().fields();
                for (int i = 0; i < header.get().size() && i < fields.size(); i++) {
                    cells.put(header.get().get(i), fields.get(i));
                }
                rows.add(cells);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a results file that is not CSV: " + e.getMessage(), e);
        }
        return rows;
    }
}
