package io.invitations.local.cli;

import io.invitations.simulation.Simulation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: the deterministic simulation of the whole pipeline under AWS's delivery semantics. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs seeded schedules of the whole pipeline (every function's real services over in-memory"
                + " stores and queues that behave as S3, SQS and DynamoDB do, on a simulated clock, one thread per"
                + " schedule) with faults AWS allows: events late, twice or failing, messages redelivered, reordered"
                + " and dead-lettered, calls throttled, invocations crashing before or after any store call. Checks"
                + " every invariant after each schedule; on a violation prints the seed, the invariant and the"
                + " shortest trace found, and exits 1. Schedule i of a run is seed S+i: --seed S+i --schedules 1"
                + " replays it exactly."},
        footer = {"", "Examples:", "  ./invitations simulate --schedules 100000",
                "  ./invitations simulate --seed 73379 --schedules 1"})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--schedules", defaultValue = "10000", description = "How many schedules (default: ${DEFAULT-VALUE})")
    long schedules;

    @Option(names = "--seed", defaultValue = "1", description = "The first schedule's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", description = "Schedules run at once (default: the machine's cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (schedules < 1) {
            throw new IllegalArgumentException("--schedules must be at least 1");
        }
        int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Simulation.Result result = new Simulation().run(schedules, seed, Math.max(1, parallel));
        out.println(result.line());
        Simulation.Failure failure = result.failure();
        if (failure == null) {
            return 0;
        }
        out.printf("violation in schedule seed=%d: %s%n", failure.seed(), failure.violation());
        out.printf("shortest trace found (%d of the schedule's %d faults kept):%n", failure.faults(),
                failure.originalFaults());
        failure.trace().forEach(line -> out.println("  " + line));
        out.printf("replay: ./invitations simulate --seed %d --schedules 1%n", failure.seed());
        return BatchRun.SOME_FAILED;
    }
}
