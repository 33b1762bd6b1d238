package io.invitations.local.bench;

import io.invitations.local.runtime.BackgroundServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an admin waits for: each everyday command run as they run it (the launcher, from a shell, after its
 * build), several times on the same data directory, its wall time from start to exit; the median of each.
 */
public final class CommandLatency {
    private static final Pattern TOKEN = Pattern.compile("inv-[A-Za-z0-9_-]{43}");

    /** Median wall seconds per command, in the order measured. */
    public record Result(int runs, Map<String, Double> medians) {
        /** The machine-readable line: {@code bench: commands runs=5 status_s=... }. */
        public String line() {
            StringBuilder line = new StringBuilder("bench: commands runs=" + runs);
            medians.forEach((name, seconds) -> line.append(String.format(Locale.ROOT, " %s_s=%.2f",
                    name.replace(' ', '_').replace('-', '_'), seconds)));
            return line.toString();
        }
    }

    private final Path launcher;
    private final Path work;
    private final int runs;
    private final Consumer<String> log;

    private CommandLatency(Path launcher, Path work, int runs, Consumer<String> log) {
        this.launcher = launcher;
        this.work = work;
        this.runs = runs;
        this.log = log;
    }

    /** Measures with the launcher of the checkout at {@code home} and its 3-row sample. */
    public static Result measure(Path home, int runs, Consumer<String> log) throws Exception {
        try (WorkDirectory work = WorkDirectory.create("invitations-latency")) {
            Files.copy(home.resolve("samples/students.csv"), work.path().resolve("students.csv"));
            return new CommandLatency(home.resolve("invitations"), work.path(), runs, log).measure();
        }
    }

    /**
     * As the commands run by default: through the background server (the first run of the first command finds
     * none, runs in its own process and leaves one starting, so the median is that of a running server); then
     * {@code first}: each run after stopping it, as the first command after an idle time runs.
     */
    private Result measure() throws Exception {
        Map<String, Double> medians = new LinkedHashMap<>();
        String dataDir = work.resolve("state").toString();
        Map<String, String> on = Map.of(BackgroundServer.Launcher.SWITCH, "on");
        medians.put("validate", median("validate", on, "validate", "--csv-file", "students.csv"));
        String[] batchCreate = {"batch-create", "--csv-file", "students.csv", "--data-dir", dataDir};
        String[] status = {"status", "--data-dir", dataDir};
        try {
            medians.put("batch-create", median("batch-create", on, batchCreate));
            String[] devices = {"devices", "--token", firstToken(work.resolve("students-results.csv")),
                    "--data-dir", dataDir};
            medians.put("status", median("status", on, status));
            medians.put("devices", median("devices", on, devices));
            Setup stop = () -> stop(dataDir);
            medians.put("first batch-create", median("batch-create, no server", on, stop, batchCreate));
            medians.put("first status", median("status, no server", on, stop, status));
            medians.put("first devices", median("devices, no server", on, stop, devices));
        } finally {
            stop(dataDir);
        }
        return new Result(runs, medians);
    }

    private double median(String name, Map<String, String> env, String... command) throws Exception {
        return median(name, env, () -> { }, command);
    }

    /** The median of {@code runs} timed runs of {@code command}, each after {@code before} (not timed). */
    private double median(String name, Map<String, String> env, Setup before, String... command) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            before.run();
            seconds.add(timed(env, command));
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        log.accept(String.format(Locale.ROOT, "%-30s median %5.2f s  (runs: %s)", name, median,
                seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList()));
        return median;
    }

    private interface Setup {
        void run() throws Exception;
    }

    /** Runs the launcher with {@code arguments} (and {@code env}) to its exit; its wall seconds. */
    private double timed(Map<String, String> env, String... arguments) throws Exception {
        Path errors = work.resolve("stderr.txt");
        ProcessBuilder builder = launcher(arguments).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("`invitations " + String.join(" ", arguments) + "` exited with " + exit
                    + ": " + Files.readString(errors).strip());
        }
        return seconds;
    }

    private void stop(String dataDir) throws Exception {
        timed(Map.of(), "stop", "--data-dir", dataDir);
    }

    private ProcessBuilder launcher(String... arguments) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(work.toFile());
    }

    private static String firstToken(Path results) throws IOException {
        Matcher token = TOKEN.matcher(Files.readString(results));
        if (!token.find()) {
            throw new IllegalStateException("no invitation token in " + results);
        }
        return token.group();
    }
}
