package io.invitations.local.bench;

import io.invitations.local.runtime.EmbeddedServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an admin waits for: each everyday command run as they run it (the launcher, a process of its own, after
 * its build), several times on the same data directory, its wall time from start to exit; the median of each.
 * The same commands then go through a running {@code serve}, as they do while one runs on the data directory.
 */
public final class CommandLatency {
    private static final Pattern TOKEN = Pattern.compile("inv-[A-Za-z0-9_-]{43}");
    private static final long SERVE_START_SECONDS = 120;

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

    private Result measure() throws Exception {
        Map<String, Double> medians = new LinkedHashMap<>();
        String dataDir = work.resolve("state").toString();
        medians.put("validate", median("validate", "validate", "--csv-file", "students.csv"));
        medians.put("batch-create", median("batch-create", "batch-create", "--csv-file", "students.csv",
                "--data-dir", dataDir));
        String token = firstToken(work.resolve("students-results.csv"));
        medians.put("status", median("status", "status", "--data-dir", dataDir));
        medians.put("devices", median("devices", "devices", "--token", token, "--data-dir", dataDir));
        Process serve = serve(dataDir);
        try {
            medians.put("serve status", median("status (through serve)", "status", "--data-dir", dataDir));
            medians.put("serve devices", median("devices (through serve)", "devices", "--token", token,
                    "--data-dir", dataDir));
            medians.put("serve batch-create", median("batch-create (through serve)", "batch-create", "--csv-file",
                    "students.csv", "--data-dir", dataDir));
        } finally {
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
        }
        return new Result(runs, medians);
    }

    private double median(String name, String... command) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            seconds.add(timed(command));
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        log.accept(String.format(Locale.ROOT, "%-30s median %5.2f s  (runs: %s)", name, median,
                seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList()));
        return median;
    }

    /** Runs the launcher with {@code arguments} to its exit; its wall seconds. */
    private double timed(String... arguments) throws Exception {
        Path errors = work.resolve("stderr.txt");
        long started = System.nanoTime();
        Process process = launcher(arguments).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile()).start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("`invitations " + String.join(" ", arguments) + "` exited with " + exit
                    + ": " + Files.readString(errors).strip());
        }
        return seconds;
    }

    /** {@code serve} on the data directory, once the other commands can find it. */
    private Process serve(String dataDir) throws Exception {
        Path info = Path.of(dataDir, "serve.properties");
        Path output = work.resolve("serve.txt");
        Process serve = launcher("serve", "--port", String.valueOf(EmbeddedServers.freePort()), "--data-dir", dataDir)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVE_START_SECONDS);
        while (!Files.exists(info)) {
            if (!serve.isAlive() || System.nanoTime() > deadline) {
                serve.destroy();
                throw new IllegalStateException("`invitations serve` did not start: " + Files.readString(output));
            }
            Thread.sleep(50);
        }
        return serve;
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
