package io.invitations.simulation;

import io.invitations.batch.BatchKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What admins and provisioning scripts drop into the bucket in one schedule, drawn from the schedule's random
 * source: create batches of 0 to 300 rows, good and bad, some under a parent token; a script's retry of a create
 * (the same bytes, under the same key or another, while the first batch runs); an export while creates run; and,
 * once a create batch's results are out, the same file again (now and then with new-batch=true), accepts racing
 * each other on its invitations for a few devices (now and then one sent twice), racing a revocation of some of
 * them, and a create under one of its invitations. Some creates are rosters with External Ids from a small pool of
 * people (now and then one with another Type than before), followed by the next night's roster; some creates are
 * cancelled at a moment drawn from the first ten minutes.
 */
final class Workload {
    private static final String[] TYPES = {"read_only", "read_write", "admin"};
    private static final String[] DEVICES = {"dev-a", "dev-b", "dev-c", "dev-d"};
    private static final int PEOPLE = 10;
    private static final String ROSTER_HEADER =
            "Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices,External Id\n";

    private final Random random;
    private int uploads;

    Workload(Random random) {
        this.random = random;
    }

    /** The uploads a schedule starts with, from {@code start} on. */
    List<Upload> initial(Instant start) {
        List<Upload> all = new ArrayList<>();
        int creates = 1 + random.nextInt(3);
        for (int i = 0; i < creates; i++) {
            Instant at = start.plusSeconds(random.nextInt(600));
            Upload create = random.nextDouble() < 0.3 ? roster(at) : create(at, null);
            all.add(create);
            if (random.nextDouble() < 0.12) {
                // An admin who dropped the wrong file cancels it, maybe before it starts, maybe after it ended.
                create.cancelAt = create.at.plusSeconds(random.nextInt(600));
            }
            if (random.nextDouble() < 0.15) {
                // A provisioning script that timed out waiting retries, maybe while the first batch still runs.
                all.add(again(create, random.nextBoolean() ? create.key : create.key.replace(".csv", "-retry.csv"),
                        Map.of(), create.at.plusSeconds(random.nextInt(300))));
            }
        }
        if (random.nextDouble() < 0.35) {
            all.add(upload("incoming/export/sim-" + (uploads + 1), BatchKind.EXPORT, "",
                    Map.of("include-encoded", "true"), List.of(), start.plusSeconds(random.nextInt(1200))));
        }
        return all;
    }

    /** What follows a finished create batch: accepts, a revocation, a create under one of its invitations. */
    List<Upload> followUps(Upload create, List<Map<String, String>> results, Instant now) {
        List<Map<String, String>> issued = results.stream().filter(r -> "Success".equals(r.get("Status"))).toList();
        List<Upload> next = new ArrayList<>();
        Instant at = now.plusSeconds(random.nextInt(120));
        if (create.content.startsWith(ROSTER_HEADER) && random.nextDouble() < 0.6) {
            next.add(roster(at.plusSeconds(random.nextInt(3600))));
        }
        if (random.nextDouble() < 0.12 && create.key.startsWith("incoming/create/")) {
            // The same file dropped again once its results are out, under its key (a new version) or another: a
            // repeat, whose results are the first's; or, with new-batch=true, a batch of its own.
            next.add(again(create, random.nextBoolean() ? create.key : create.key.replace(".csv", "-again.csv"),
                    random.nextDouble() < 0.3 ? Map.of("new-batch", "true") : Map.of(), at));
        }
        if (issued.isEmpty()) {
            return next;
        }
        next.addAll(handedOut(issued, at));
        List<Map<String, String>> parents = issued.stream().filter(r -> "yes".equals(r.get("Can Invite"))).toList();
        if (!parents.isEmpty() && random.nextDouble() < 0.4) {
            next.add(create(at, parents.get(random.nextInt(parents.size())).get("Token")));
        }
        return next;
    }

    /**
     * What follows an export (which may list invitations of creates still running): its invitations handed out,
     * accepted and revoked.
     */
    List<Upload> fromExport(List<Map<String, String>> exported, Instant now) {
        return exported.isEmpty() ? List.of() : handedOut(exported, now.plusSeconds(random.nextInt(60)));
    }

    /** Accepts racing each other on the invitations for a few devices (now and then one sent twice), a revocation. */
    private List<Upload> handedOut(List<Map<String, String>> issued, Instant at) {
        List<Upload> next = new ArrayList<>();
        if (random.nextDouble() < 0.6) {
            int accepts = 1 + random.nextInt(2);
            for (int i = 0; i < accepts; i++) {
                Upload accept = accept(issued, at.plusSeconds(random.nextInt(30)));
                next.add(accept);
                if (random.nextDouble() < 0.1) {
                    next.add(again(accept, accept.key.replace(".csv", "-retry.csv"), Map.of(),
                            accept.at.plusSeconds(random.nextInt(20))));
                }
            }
        }
        if (random.nextDouble() < 0.5) {
            next.add(revoke(issued, at.plusSeconds(random.nextInt(30))));
        }
        return next;
    }

    private Upload create(Instant at, String parentToken) {
        int number = uploads + 1;
        double size = random.nextDouble();
        // Mostly small files (several chunks still: a schedule draws 1 to 25 rows per chunk), now and then a large one.
        int rows = size < 0.08 ? 0 : size < 0.83 ? 1 + random.nextInt(12) : size < 0.98 ? 13 + random.nextInt(28)
                : 100 + random.nextInt(201);
        StringBuilder csv = new StringBuilder("Name,Type,ValidDays,CanInvite,Transferable,DeviceBound,MaxDevices\n");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            String name = "u" + number + "-" + i;
            String type = TYPES[random.nextInt(TYPES.length)];
            String maxDevices = String.valueOf(1 + random.nextInt(3));
            double bad = random.nextDouble();
            if (bad < 0.04) {
                type = "superuser";
            } else if (bad < 0.07) {
                maxDevices = "0";
            } else if (bad < 0.09) {
                name = "";
            }
            names.add(name);
            csv.append(name).append(',').append(type).append(',').append(1 + random.nextInt(90)).append(',')
                    .append(random.nextDouble() < 0.3 ? "yes" : "no").append(',')
                    .append(random.nextBoolean() ? "yes" : "no").append(",yes,").append(maxDevices).append('\n');
        }
        Map<String, String> metadata = parentToken == null ? Map.of("include-encoded", "true")
                : Map.of("include-encoded", "true", "parent-token", parentToken);
        return upload("incoming/create/sim-" + number + ".csv", BatchKind.CREATE, csv.toString(), metadata, names, at);
    }

    /**
     * A provisioning system's roster: some of the pool's people, each by External Id with the same values every
     * night, now and then one with another Type (a change the roster may not make silently), or twice in a file.
     */
    private Upload roster(Instant at) {
        int number = uploads + 1;
        StringBuilder csv = new StringBuilder(ROSTER_HEADER);
        List<String> names = new ArrayList<>();
        int rows = 1 + random.nextInt(8);
        for (int i = 0; i < rows; i++) {
            int person = random.nextInt(PEOPLE);
            String type = TYPES[random.nextDouble() < 0.1 ? random.nextInt(TYPES.length) : person % TYPES.length];
            String name = "person-" + person;
            names.add(name);
            csv.append(name).append(',').append(type).append(",30,no,no,yes,2,P").append(person).append('\n');
        }
        return upload("incoming/create/roster-" + number + ".csv", BatchKind.CREATE, csv.toString(),
                Map.of("include-encoded", "true"), names, at);
    }

    /** The same bytes and options as {@code first}, under {@code key}, with {@code extra} metadata. */
    private Upload again(Upload first, String key, Map<String, String> extra, Instant at) {
        uploads++;
        Map<String, String> metadata = new HashMap<>(first.metadata);
        metadata.putAll(extra);
        return new Upload(uploads, key, first.kind, first.content, Map.copyOf(metadata), first.rows, at,
                notifications());
    }

    private Upload accept(List<Map<String, String>> issued, Instant at) {
        StringBuilder csv = new StringBuilder("Name,Encoded Data,Device Id\n");
        List<String> names = new ArrayList<>();
        for (Map<String, String> row : issued) {
            if (random.nextDouble() < 0.7) {
                names.add(row.get("Name"));
                csv.append(row.get("Name")).append(',').append(row.get("Encoded Data")).append(',')
                        .append(DEVICES[random.nextInt(DEVICES.length)]).append('\n');
            }
        }
        return upload("incoming/accept/sim-" + (uploads + 1) + ".csv", BatchKind.ACCEPT, csv.toString(), Map.of(),
                names, at);
    }

    private Upload revoke(List<Map<String, String>> issued, Instant at) {
        StringBuilder csv = new StringBuilder("Token\n");
        List<String> tokens = new ArrayList<>();
        for (Map<String, String> row : issued) {
            if (random.nextDouble() < 0.5) {
                tokens.add(row.get("Token"));
            }
        }
        if (random.nextDouble() < 0.2) {
            tokens.add("inv-" + "Z".repeat(43));
        }
        tokens.forEach(token -> csv.append(token).append('\n'));
        return upload("incoming/revoke/sim-" + (uploads + 1) + ".csv", BatchKind.REVOKE, csv.toString(), Map.of(),
                tokens, at);
    }

    private Upload upload(String key, BatchKind kind, String content, Map<String, String> metadata, List<String> rows,
                          Instant at) {
        uploads++;
        return new Upload(uploads, key, kind, content, metadata, rows, at, notifications());
    }

    /** S3 notifies at least once: sometimes twice, the second later. */
    private int notifications() {
        return random.nextDouble() < 0.15 ? 2 : 1;
    }

    /** A delay S3 may take to notify. */
    Duration notificationDelay() {
        return Duration.ofSeconds(random.nextDouble() < 0.1 ? 60 + random.nextInt(600) : random.nextInt(5));
    }
}
