package io.invitations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.invitations.batch.BatchRecord;
import io.invitations.local.TestBatches.Finished;
import io.invitations.local.operations.LocalLogs;
import io.invitations.local.operations.LocalOperations;
import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * A full run (create with encoded output, bad rows, accept, a tampered accept, revoke, export, an invalid
 * parent) while every log record (the functions' JSON lines at every level, to the data directory's log file and
 * to stderr), the metric lines, the completion events, everything written to stdout and stderr and every queue
 * message sent is captured: no token and no encoded invitation appears in any of them, no message holds a batch's token key (nor,
 * for a create batch, any token), no sample event holds a key or a token, and every cell of every CSV written is
 * safe to open in a spreadsheet.
 */
class NoSecretsInLogsTest {
    private static final Pattern TOKEN = Pattern.compile("inv-[A-Za-z0-9_-]{43}");

    @Test
    void aFullRunLogsNoSecretAndWritesOnlySafeCells(@TempDir Path scratch, @TempDir Path dataDir) throws Exception {
        StringBuilder logs = new StringBuilder();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public synchronized void publish(LogRecord record) {
                logs.append(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.setLevel(Level.ALL);
        Logger.getLogger("io.invitations").setLevel(Level.ALL);
        root.addHandler(capture);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
        List<Finished> runs = new ArrayList<>();
        Finished created;
        List<String> secrets = new ArrayList<>();
        List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutionInterceptor sentMessages = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageRequest send) {
                    messages.add(send.messageBody());
                } else if (context.request() instanceof SendMessageBatchRequest batch) {
                    batch.entries().forEach(entry -> messages.add(entry.messageBody()));
                }
            }
        };
        List<String> tokenKeys = new ArrayList<>();
        try (LocalPipeline pipeline = LocalPipeline.start(dataDir, StackSettings.template().withVisibilityTimeouts(1, 1),
                java.time.Clock.systemUTC(), sentMessages)) {
            LocalLogs.configure(dataDir, true, org.apache.logging.log4j.Level.ALL);
            pipeline.startEventSources();
            TestBatches batches = new TestBatches(pipeline, scratch);
            created = batches.run("incoming/create/secrets.csv", "Name,Type,MaxDevices\n"
                    + "=HYPERLINK(\"http://x\"),ro,2\n+Plus,rw,1\n-Minus,ro,1\n@At,admin,1\nBad,=1+1\n",
                    Map.of("include-encoded", "true"));
            runs.add(created);
            for (String[] row : created.rows()) {
                if (!row[2].isEmpty()) {
                    secrets.add(row[2]);
                    secrets.add(row[9]);
                }
            }
            assertEquals(4, secrets.size() / 2);
            StringBuilder accept = new StringBuilder("Name,Encoded Data,Device Id\n");
            created.rows().stream().filter(r -> !r[9].isEmpty())
                    .forEach(r -> accept.append("\"").append(r[0].replace("\"", "\"\"")).append("\",")
                            .append(r[9]).append(",=evil-device\n"));
            accept.append("Tamper,").append(secrets.get(1), 0, secrets.get(1).length() - 4).append("AAAA,dev-1\n");
            runs.add(batches.run("incoming/accept/secrets.csv", accept.toString(), Map.of("device-id", "dev-0")));
            runs.add(batches.run("incoming/revoke/secrets.csv", "Token\n" + secrets.get(0) + "\n@bad\n"));
            runs.add(batches.run("incoming/export/secrets", ""));
            runs.add(batches.run("incoming/create/bad-parent.csv", "Name,Type\nA,ro\n",
                    Map.of("parent-token", "inv-" + "Q".repeat(43))));
            for (Finished run : runs) {
                pipeline.pipeline().batches().find(run.batch().batchId()).map(BatchRecord::context)
                        .ifPresent(context -> tokenKeys.add(context.tokenKey()));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(level);
        }
        String functionLogs = Files.readString(dataDir.resolve(LocalLogs.FILE));
        String captured = logs + console.toString(StandardCharsets.UTF_8) + functionLogs
                + Files.readString(dataDir.resolve(LocalOperations.METRICS_FILE))
                + Files.readString(dataDir.resolve(LocalOperations.EVENTS_FILE));
        assertTrue(captured.contains("batch"), "the run did log: the search below is not vacuous");
        assertTrue(functionLogs.contains("\"level\":\"DEBUG\""), "the functions logged at DEBUG too");
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("\"function_name\":\"worker\""),
                "the JSON lines reached stderr too");
        java.util.regex.Matcher leak = TOKEN.matcher(captured);
        assertFalse(leak.find(), () -> "a token in the logs: ..." + captured.substring(Math.max(0, leak.start() - 300),
                Math.min(captured.length(), leak.end() + 50)));
        for (String secret : secrets) {
            assertFalse(captured.contains(secret.substring(0, Math.min(secret.length(), 40))), "a secret in the logs");
        }
        assertEquals(runs.size() - 1, tokenKeys.size(), "every batch but the rejected one has a key");
        List<String> chunkMessages = messages.stream().filter(body -> body.startsWith("{")).toList();
        assertTrue(chunkMessages.size() >= 3, "chunk messages seen: " + messages);
        for (String body : messages) {
            for (String key : tokenKeys) {
                assertFalse(body.contains(key), "a batch's token key in a queue message: " + body);
            }
            if (body.contains(created.batch().batchId())) {
                assertFalse(TOKEN.matcher(body).find(), "a token in a create chunk: " + body);
            }
        }
        try (var events = Files.list(Path.of("..", "events"))) {
            for (Path event : events.toList()) {
                String json = Files.readString(event);
                assertFalse(TOKEN.matcher(json).find(), "a token in " + event);
                assertFalse(json.contains("tokenKey"), "a token key in " + event);
            }
        }
        int cells = 0;
        for (Finished run : runs) {
            for (String[] row : run.rows()) {
                for (String cell : row) {
                    cells++;
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "unsafe cell " + cell);
                }
            }
        }
        assertTrue(cells > 50, "cells checked: " + cells);
    }

    /** Writes to the console and to a capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
