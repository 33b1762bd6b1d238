package io.invitations.local.cli;

import io.invitations.local.bench.ColdStarts;
import io.invitations.local.bench.HandlerProcess;
import io.invitations.stack.Template;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cold-starts}: each function's package size and cold start, plain against tuned and primed. */
@Command(name = "cold-starts", mixinStandardHelpOptions = true,
        description = {"Runs each function from its own deployment package in a fresh JVM against the embedded "
                + "servers, and reports the time from JVM start to the end of its first event: with the SDK's "
                + "defaults (Apache client, no priming), as deployed (URL-connection client), and as deployed "
                + "with SnapStart priming (init and priming run before the snapshot; a restored container pays "
                + "only the first event). Also prints each package's size."},
        footer = {"", "Example:", "  ./invitations cold-starts"})
final class ColdStartsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path repository = Template.repository();
        List<ColdStarts.Measurement> all = ColdStarts.measure(repository, line -> {
            err.println(line);
            err.flush();
        });
        out.println("package sizes:");
        for (Map.Entry<String, Long> size : ColdStarts.packageSizes(repository).entrySet()) {
            out.printf(Locale.ROOT, "  %-12s %6.1f MB%n", size.getKey(), size.getValue() / 1e6);
        }
        out.printf(Locale.ROOT, "%-12s %12s %12s %22s %14s %8s%n", "function", "plain ms", "tuned ms",
                "primed: init+prime ms", "first event ms", "ratio");
        for (String function : all.stream().map(ColdStarts.Measurement::function).distinct().toList()) {
            ColdStarts.Measurement plain = find(all, function, HandlerProcess.Mode.PLAIN);
            ColdStarts.Measurement tuned = find(all, function, HandlerProcess.Mode.TUNED);
            ColdStarts.Measurement primed = find(all, function, HandlerProcess.Mode.PRIMED);
            out.printf(Locale.ROOT, "%-12s %12d %12d %22d %14d %8.2f%n", function, plain.totalMs(), tuned.totalMs(),
                    primed.initMs() + primed.primingMs(), primed.firstEventMs(),
                    (double) primed.firstEventMs() / plain.totalMs());
        }
        out.println("ratio = primed first event / plain JVM start to response (the SnapStart restore itself, "
                + "~100s of ms on AWS, is not emulated here)");
        out.flush();
        return 0;
    }

    private static ColdStarts.Measurement find(List<ColdStarts.Measurement> all, String function,
                                               HandlerProcess.Mode mode) {
        return all.stream().filter(m -> m.function().equals(function) && m.mode() == mode).findFirst().orElseThrow();
    }
}
