package io.invitations.simulation;

import io.invitations.memory.PortDecorator;
import io.invitations.memory.ShuffledOverlap;
import io.invitations.overlap.Overlap;
import io.invitations.pipeline.ChunkProcessor;
import java.time.Duration;
import java.util.function.Function;
import java.util.Random;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs seeded schedules of the whole pipeline (schedule {@code i} of a run from seed {@code S} is seed
 * {@code S + i}, so any one is replayed alone with {@code --seed S+i --schedules 1}), each deterministic and in one
 * thread, spread over the machine's cores; stops at the first violated invariant and shrinks that schedule's faults
 * to the fewest that still violate it.
 */
public final class Simulation {
    private final Planted planted;

    /**
     * What a run may change in the pipeline to show that the simulator finds a bug: its ports, how much time a
     * worker must have left to start a chunk ({@link ChunkProcessor#LONGEST_CHUNK} as it is), and how a chunk's
     * calls overlap (given the schedule's random source: {@link ShuffledOverlap} as it is).
     */
    record Planted(PortDecorator ports, Duration workerReserve, Function<Random, Overlap> overlap) {
        static final Planted NOTHING = new Planted(PortDecorator.NONE, ChunkProcessor.LONGEST_CHUNK,
                ShuffledOverlap::new);

        Planted(PortDecorator ports, Duration workerReserve) {
            this(ports, workerReserve, ShuffledOverlap::new);
        }
    }

    /** The pipeline as it is. */
    public Simulation() {
        this(Planted.NOTHING);
    }

    /** The pipeline with a planted bug in its ports, to show that the simulator finds it. */
    public Simulation(PortDecorator bug) {
        this(new Planted(bug, ChunkProcessor.LONGEST_CHUNK));
    }

    Simulation(Planted planted) {
        this.planted = planted;
    }

    /** What a run came to; {@code failure} is null when every schedule held every invariant. */
    public record Result(long schedules, long seed, long faults, long crashes, long duplicates, long rows, long lost,
                         long twice, long orphans, long overLimit, double seconds, long repeats, long cancels,
                         long timeouts, Failure failure) {

        /** The one line the command prints. */
        public String line() {
            return String.format("simulate: schedules=%d seed=%d faults=%d crashes=%d duplicates=%d rows=%d lost=%d"
                            + " twice=%d orphans=%d over_limit=%d seconds=%.1f repeats=%d cancels=%d timeouts=%d",
                    schedules, seed, faults, crashes, duplicates, rows, lost, twice, orphans, overLimit, seconds,
                    repeats, cancels, timeouts);
        }
    }

    /**
     * A violated invariant: the schedule's seed, the violation, and the trace of the schedule with the fewest of its
     * faults that still violate the same invariant ({@code faults} of {@code originalFaults} kept).
     */
    public record Failure(long seed, String violation, int faults, int originalFaults, List<String> trace) {
    }

    public Result run(long schedules, long seed, int threads) throws InterruptedException {
        long started = System.nanoTime();
        Progress progress = new Progress(schedules, seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (Interleaving lanes = new Interleaving()) {
                        progress.runSchedules(lanes);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a schedule threw: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Failure failure = progress.failures.stream().min(Comparator.comparingLong(Schedule.Outcome::seed))
                .map(this::shrink).orElse(null);
        long[] totals = progress.totals;
        return new Result(progress.ran.get(), seed, totals[0], totals[1], totals[2], totals[3], totals[4], totals[5],
                totals[6], totals[7], (System.nanoTime() - started) / 1e9, totals[8], totals[9], totals[10], failure);
    }

    /** The schedules left to run, shared by the threads, and what those run came to. */
    private final class Progress {
        final long schedules;
        final long seed;
        final AtomicLong next = new AtomicLong();
        final AtomicLong ran = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final long[] totals = new long[11];
        final List<Schedule.Outcome> failures = new ArrayList<>();

        Progress(long schedules, long seed) {
            this.schedules = schedules;
            this.seed = seed;
        }

        void runSchedules(Interleaving lanes) {
            for (long i = next.getAndIncrement(); i < schedules && !stop.get(); i = next.getAndIncrement()) {
                Schedule.Outcome outcome = Schedule.run(seed + i, false, planted, lanes);
                ran.incrementAndGet();
                synchronized (this) {
                    add(totals, outcome);
                    if (outcome.report().failed()) {
                        failures.add(outcome);
                        stop.set(true);
                    }
                }
            }
        }
    }

    private static void add(long[] totals, Schedule.Outcome outcome) {
        Invariants.Report report = outcome.report();
        totals[0] += outcome.faults().size();
        totals[1] += outcome.crashes();
        totals[2] += outcome.duplicates();
        totals[3] += report.rows();
        totals[4] += report.lost();
        totals[5] += report.twice();
        totals[6] += report.orphans();
        totals[7] += report.overLimit();
        totals[8] += report.repeats();
        totals[9] += report.cancels();
        totals[10] += outcome.timeouts();
    }

    private Schedule.Outcome replay(long seed, List<Faults.Fault> plan) {
        try (Interleaving lanes = new Interleaving()) {
            return Schedule.replay(seed, plan, planted, lanes);
        }
    }

    /** Removes the schedule's faults one at a time, keeping each removal after which the same invariant fails. */
    private Failure shrink(Schedule.Outcome failed) {
        String invariant = failed.report().invariant();
        List<Faults.Fault> plan = new ArrayList<>(failed.faults());
        for (int i = plan.size() - 1; i >= 0; i--) {
            List<Faults.Fault> fewer = new ArrayList<>(plan);
            fewer.remove(i);
            Schedule.Outcome outcome = replay(failed.seed(), fewer);
            if (outcome.report().failed() && outcome.report().invariant().equals(invariant)) {
                plan = fewer;
            }
        }
        Schedule.Outcome shortest = replay(failed.seed(), plan);
        return new Failure(failed.seed(), shortest.report().violations().get(0), plan.size(), failed.faults().size(),
                shortest.trace());
    }
}
