package io.invitations.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.local.cli.InvitationsCli;
import io.invitations.local.runtime.EmbeddedServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./invitations serve} in its own JVM, driven by the AWS CLI with nothing from this project on the
 * client's side (made-up credentials), as the README tells an admin to: a key with spaces and non-ASCII
 * letters, options as metadata, results downloaded with {@code aws s3 cp}; then stopped with a signal (what
 * Ctrl-C sends) and started again on the same data.
 */
@NeedsTools(Tool.AWS_CLI)
class ServeWithAwsCliTest {
    private static final String BUCKET = "s3://invitations-local/";

    @Test
    void theAwsCliDropsAFileAndDownloadsItsResults(@TempDir Path dir) throws Exception {
        int port = EmbeddedServers.freePort();
        Path data = dir.resolve("data");
        String endpoint = "http://127.0.0.1:" + port;
        Path csv = Files.writeString(dir.resolve("Klasse 5b – Schüler.csv"), TestBatches.sample("students.csv"));
        String key = "incoming/create/Herbst 2026/Klasse 5b – Schüler.csv";

        Server server = Server.start(port, data);
        try {
            assertTrue(server.banner().contains("aws --endpoint-url " + endpoint + " s3 cp"), server.banner());
            Cli upload = aws(endpoint, dir, "s3", "cp", csv.toString(), BUCKET + key, "--metadata",
                    "include-encoded=true");
            assertEquals(0, upload.exit(), upload.output());

            String results = "results/create/Herbst 2026/Klasse 5b – Schüler-results.csv";
            awaitListed(endpoint, dir, results.replace("-results.csv", "-summary.json"));
            Path downloaded = dir.resolve("downloaded.csv");
            Cli download = aws(endpoint, dir, "s3", "cp", BUCKET + results, downloaded.toString());
            assertEquals(0, download.exit(), download.output());
            List<String[]> rows = TestBatches.parseCsv(Files.readString(downloaded));
            assertEquals("Encoded Data", rows.get(0)[9], "the option given as metadata applies");
            assertEquals(4, rows.size());
            for (String[] row : rows.subList(1, rows.size())) {
                assertEquals("Success", row[8], String.join(",", row));
                assertTrue(row[2].startsWith("inv-"), row[2]);
            }

            // The other commands on the same data directory go through the running server.
            Path more = Files.writeString(dir.resolve("more.csv"), "Name,Type\nDana,admin\n");
            CliRun created = CliRun.run("batch-create", "--csv-file", more.toString(), "--data-dir", data.toString());
            assertEquals(0, created.exit(), created.err());
            Cli listed = aws(endpoint, dir, "s3", "ls", BUCKET + "results/create/", "--recursive");
            assertTrue(listed.output().contains("results/create/more-results.csv"), listed.output());
        } finally {
            server.stop();
        }
        assertEquals(143, server.exitCode(), "a clean stop on SIGTERM (128 + 15): " + server.errors());
        assertTrue(server.errors().contains("stopped"), server.errors());

        // Started again on the same data: the finished batches are not run again, new uploads are noticed.
        Server again = Server.start(port, data);
        try {
            Path other = Files.writeString(dir.resolve("other.csv"), "Name,Type\nEve,read_only\n");
            assertEquals(0, aws(endpoint, dir, "s3", "cp", other.toString(), BUCKET + "incoming/create/other.csv")
                    .exit());
            awaitListed(endpoint, dir, "results/create/other-summary.json");
            Cli summary = aws(endpoint, dir, "s3", "cp", BUCKET + "results/create/Herbst 2026/Klasse 5b – Schüler"
                    + "-summary.json", "-");
            assertTrue(summary.output().contains("\"succeeded\" : 3"), summary.output());
        } finally {
            again.stop();
        }
    }

    private static void awaitListed(String endpoint, Path dir, String key) {
        await(key + " listed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Cli listed = aws(endpoint, dir, "s3", "ls", BUCKET + key);
            return listed.exit() == 0 && listed.output().contains(key.substring(key.lastIndexOf('/') + 1));
        });
    }

    private record Cli(int exit, String output) {
    }

    /** The AWS CLI with made-up credentials, as a client that knows nothing of this project. */
    private static Cli aws(String endpoint, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEANYTHING");
        env.put("AWS_SECRET_ACCESS_KEY", "made-up-secret");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "aws " + String.join(" ", args));
        return new Cli(process.exitValue(), output);
    }

    /** {@code ./invitations serve} in a JVM of its own, as the launcher starts it. */
    private static final class Server {
        private final Process process;
        private final String banner;
        private final Path errors;

        private Server(Process process, String banner, Path errors) {
            this.process = process;
            this.banner = banner;
            this.errors = errors;
        }

        static Server start(int port, Path data) throws Exception {
            Path errors = Files.createTempFile("serve", ".err");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), InvitationsCli.class.getName(), "serve",
                    "--port", String.valueOf(port), "--data-dir", data.toString())
                    .redirectError(errors.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder banner = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                banner.append(line).append('\n');
                if (line.contains("./invitations batch-create")) {
                    break;
                }
            }
            if (line == null) {
                throw new AssertionError("serve did not start: " + banner + Files.readString(errors));
            }
            return new Server(process, banner.toString(), errors);
        }

        String banner() {
            return banner;
        }

        /** SIGTERM: what the JVM's shutdown hooks see on Ctrl-C too. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("serve did not stop within 60 s");
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        String errors() throws IOException {
            return Files.readString(errors);
        }
    }
}
