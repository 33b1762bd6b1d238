package io.invitations.local.cli;

import io.invitations.local.operations.LocalLogs;
import io.invitations.local.operations.LocalOperations;
import io.invitations.local.runtime.ServerState;
import io.invitations.local.runtime.BackgroundServer;
import io.invitations.local.runtime.LocalServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the pipeline kept running on 127.0.0.1, for the AWS CLI, scripts and the other commands. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Keep the embedded S3, SQS and DynamoDB running on 127.0.0.1 with the whole pipeline on them:"
                + " drop files with any S3 client (the AWS CLI, an SDK, a script) and download the results, as"
                + " on AWS. Uploads under incoming/ are noticed as S3 notifications would be.",
                "Ctrl-C stops it cleanly; a batch under way resumes on the next start. While it runs, the other"
                + " commands on the same --data-dir go through it."},
        footer = {"", "Example:", "  ./invitations serve --port 4566",
                "  aws --endpoint-url http://127.0.0.1:4566 s3 cp students.csv "
                        + "s3://invitations-local/incoming/create/students.csv --metadata include-encoded=true",
                "  aws --endpoint-url http://127.0.0.1:4566 s3 cp "
                        + "s3://invitations-local/results/create/students-results.csv ."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Option(names = "--port", defaultValue = "4566",
            description = "The S3 endpoint's port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port)")
    private int port;

    /** Started by a command that found no server running (BackgroundServer): stops itself when idle. */
    @Option(names = "--background", hidden = true)
    private boolean background;

    @Option(names = "--idle-seconds", hidden = true, defaultValue = "900")
    private long idleSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalServer server;
        try {
            if (!background) {
                local.takeOver();
            }
            server = LocalServer.start(local.dataDir, port, local.settings(), null, new ServerState.Origin(background,
                    BackgroundServer.Launcher.thisBuild()));
            local.echoLogs();
        } catch (Exception e) {
            err.println("error: " + (portInUse(e) ? "port " + port
                    + " is in use on 127.0.0.1: stop what uses it, or pick another with --port" : BatchRun.messageOf(e)));
            return BatchRun.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("invitations serve: stopping (letting the invocations under way finish)...");
            try {
                server.close();
                err.println("invitations serve: stopped; unfinished batches resume on the next start");
            } catch (Exception e) {
                err.println("error: while stopping: " + BatchRun.messageOf(e));
            }
            stopped.countDown();
        }, "serve-shutdown"));
        printBanner(out, server);
        server.pipeline().operations().onCompletion(event -> out.println("event: " + event));
        Duration idle = Duration.ofSeconds(idleSeconds);
        Duration check = Duration.ofSeconds(Math.max(1, Math.min(30, idleSeconds / 10)));
        while (!stopped.await(check.toMillis(), TimeUnit.MILLISECONDS)) {
            if (background && server.idleFor(Instant.now()).compareTo(idle) >= 0) {
                err.printf("invitations serve: no command for %d s: stopping%n", idleSeconds);
                // The process's exit runs the hook above, which stops the server.
                return 0;
            }
        }
        return 0;
    }

    /** The S3 server (Jetty) reports a taken port as an IOException caused by a BindException. */
    private static boolean portInUse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private void printBanner(PrintWriter out, LocalServer server) {
        ServerState.Info info = server.info();
        String s3 = info.s3().toString();
        out.printf("invitations serve: running on 127.0.0.1, state in %s (Ctrl-C stops)%n", local.dataDir);
        out.printf("  S3        %s   bucket %s%n", s3, info.deployment().bucket());
        out.printf("  DynamoDB  %s   batches table %s%n", info.dynamo(), info.deployment().batchesTable());
        out.printf("  SQS       %s%n", info.sqs());
        if (server.resumed() > 0) {
            out.printf("  resumed %d unfinished batch(es)%n", server.resumed());
        }
        out.println("Drop a file and fetch its results with the AWS CLI (any credentials):");
        out.printf("  aws --endpoint-url %s s3 cp students.csv s3://%s/incoming/create/students.csv"
                + " --metadata include-encoded=true%n", s3, info.deployment().bucket());
        out.printf("  aws --endpoint-url %s s3 ls s3://%s/results/ --recursive%n", s3, info.deployment().bucket());
        out.printf("  aws --endpoint-url %s s3 cp s3://%s/results/create/students-results.csv .%n", s3, info.deployment().bucket());
        out.println("or with the commands, which go through this server while it runs:");
        out.printf("  ./invitations batch-create --csv-file students.csv --include-encoded%s%n",
                local.dataDir.toString().equals(LocalOptions.DEFAULT_DATA_DIR) ? "" : " --data-dir " + local.dataDir);
        out.printf("Each finished batch's completion event (as EventBridge delivers it) is printed below and kept in"
                + " %s; the functions' JSON logs and metrics are in %s%n", local.dataDir.resolve(LocalOperations.EVENTS_FILE),
                local.dataDir.resolve(LocalLogs.FILE).getParent());
        out.flush();
    }
}
