package io.invitations.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run as a process of its own, as a user runs it from a shell: its exit status and what it printed. */
record ProcessRun(int exit, String out, String err) {

    /** Runs {@code command} in {@code dir} with {@code env} added to this environment; fails if it does not end. */
    static ProcessRun run(Path dir, Map<String, String> env, Duration timeout, List<String> command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        return run(builder, timeout);
    }

    /** Runs what {@code builder} describes, capturing its output; fails if it does not end in {@code timeout}. */
    static ProcessRun run(ProcessBuilder builder, Duration timeout) throws Exception {
        Path out = Files.createTempFile("process", ".out");
        Path err = Files.createTempFile("process", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", builder.command()) + "` did not end in " + timeout
                        + "; its output:\n" + Files.readString(out) + Files.readString(err));
            }
            return new ProcessRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** For an assertion's message. */
    String output() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
