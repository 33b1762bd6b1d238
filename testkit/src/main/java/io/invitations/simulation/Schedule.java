package io.invitations.simulation;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.ChunkMessageBody;
import io.invitations.aws.lambda.LocalContext;
import io.invitations.aws.lambda.PartialBatch;
import io.invitations.batch.BatchKind;
import io.invitations.batch.ChunkMessage;
import io.invitations.memory.InMemoryPipeline;
import io.invitations.memory.InMemoryQueue;
import io.invitations.memory.PortDecorator;
import io.invitations.pipeline.BatchSplitter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * One seeded schedule: a workload run through the real services under AWS's delivery semantics, every choice
 * (which function runs next, which messages it receives, when time passes, where a fault strikes) drawn from the
 * seed, on a simulated clock, in this thread. The same seed (and fault plan) gives the same run.
 */
final class Schedule {
    /** Every batch must end within this much simulated time. */
    static final Duration BOUND = Duration.ofHours(48);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);
    /** Lambda's asynchronous retries of the splitter (the template's MaximumRetryAttempts), about a minute apart. */
    private static final int SPLITTER_RETRIES = InMemoryPipeline.SETTINGS.splitterAsyncRetries();
    private static final int MAX_STEPS = 50_000;

    /**
     * An S3 notification reaching the splitter, as Lambda's asynchronous invocation (attempt 1 to 3): of the upload,
     * or of a request to cancel its batch.
     */
    private record Delivery(Instant at, long order, Upload upload, int attempt, boolean cancel) {
    }

    private final long seed;
    private final Random random;
    private final Faults faults;
    private final Trace trace;
    private final InMemoryPipeline world;
    private final Workload workload;
    private final Interleaving interleaving;
    private final List<Upload> uploads = new ArrayList<>();
    private final PriorityQueue<Delivery> deliveries = new PriorityQueue<>(
            Comparator.comparing(Delivery::at).thenComparing(Delivery::order));
    private final List<Upload> dropped = new ArrayList<>();
    private final Duration workerReserve;
    private long order;
    private Instant nextSweep;
    private long duplicates;
    private int steps;

    private Schedule(long seed, Faults faults, Trace trace, Simulation.Planted planted, Interleaving interleaving) {
        PortDecorator bug = planted.ports();
        this.workerReserve = planted.workerReserve();
        this.seed = seed;
        this.random = new Random(seed);
        this.faults = faults;
        this.trace = trace;
        // A planted bug outside the faults: its own store calls are where invocations interleave, as real code's are.
        this.world = new InMemoryPipeline(1 + random.nextInt(25), seed, faults.then(bug),
                planted.overlap().apply(new Random(seed * 31 + 7)));
        this.workload = new Workload(random);
        this.interleaving = interleaving;
        faults.interleave(interleaving);
    }

    /** Runs schedule {@code seed} with faults drawn from it, its concurrent invocations on {@code lanes}. */
    static Outcome run(long seed, boolean traced, Simulation.Planted planted, Interleaving lanes) {
        Trace trace = traced ? Trace.kept() : Trace.dropped();
        Random faultRandom = new Random(~seed);
        double rate = faultRandom.nextDouble() * 0.05;
        return new Schedule(seed, new Faults(faultRandom, rate, callMillis(seed), trace), trace, planted, lanes).run();
    }

    /** Runs schedule {@code seed} with exactly the faults of {@code plan}. */
    static Outcome replay(long seed, List<Faults.Fault> plan, Simulation.Planted planted, Interleaving lanes) {
        Trace trace = Trace.kept();
        return new Schedule(seed, new Faults(plan, callMillis(seed), trace), trace, planted, lanes).run();
    }

    /**
     * What a store call takes in schedule {@code seed}, drawn from a source of its own (the other draws unchanged):
     * 10 ms, or, in one schedule of twenty, 150 ms (a bad minute: throttling, a slow partition).
     */
    private static long callMillis(long seed) {
        return new Random(seed * 0x9E3779B97F4A7C15L).nextDouble() < 0.05 ? 150 : 10;
    }

    /** What a schedule came to. */
    record Outcome(long seed, Invariants.Report report, List<Faults.Fault> faults, long crashes, long duplicates,
                   long timeouts, List<String> trace) {
    }

    private Outcome run() {
        Instant start = world.clock.instant();
        nextSweep = start.plus(SWEEP_EVERY);
        workload.initial(start).forEach(this::schedule);
        Invariants invariants = new Invariants(world, uploads, dropped);
        String stuck = null;
        try {
            while (!settled()) {
                steps++;
                if (steps > MAX_STEPS || world.clock.instant().isAfter(start.plus(BOUND))) {
                    stuck = "not every batch ended within " + BOUND.toHours() + " simulated hours (" + steps
                            + " steps)";
                    break;
                }
                step();
                invariants.afterStep();
                followUps();
            }
        } finally {
            faults.interleave(null);
        }
        Invariants.Report report = invariants.atEnd(stuck, faults.timeouts());
        int rows = uploads.stream().mapToInt(u -> u.rows.size()).sum();
        return new Outcome(seed, report.withRows(rows), faults.injected(), faults.crashes(), duplicates,
                faults.timeouts(), trace.lines());
    }

    private void schedule(Upload upload) {
        uploads.add(upload);
        for (int i = 0; i < upload.notifications; i++) {
            Instant at = upload.at.plus(workload.notificationDelay());
            deliveries.add(new Delivery(at, order++, upload, 1, false));
        }
        if (upload.cancelAt != null) {
            deliveries.add(new Delivery(upload.cancelAt, order++, upload, 1, true));
        }
        duplicates += upload.notifications - 1;
    }

    /** Nothing left to do: every notification delivered and every queue empty. */
    private boolean settled() {
        return deliveries.isEmpty() && world.chunks.queue().depth() == 0
                && world.chunks.queue().deadLetterDepth() == 0 && world.completions.queue().depth() == 0
                && uploads.stream().allMatch(u -> u.source == null || u.finished != null || !registered(u));
    }

    /** One step: a function runs, or time passes. */
    private void step() {
        Instant now = world.clock.instant();
        List<Runnable> enabled = new ArrayList<>();
        if (!deliveries.isEmpty() && !deliveries.peek().at().isAfter(now)) {
            enabled.add(this::deliver);
        }
        if (world.chunks.queue().hasVisible()) {
            enabled.add(this::runWorker);
        }
        if (world.chunks.queue().deadLetterDepth() > 0) {
            enabled.add(this::runDeadLetters);
        }
        if (world.completions.queue().hasVisible()) {
            enabled.add(this::runAggregator);
        }
        if (!nextSweep.isAfter(now)) {
            enabled.add(this::runSweeper);
        }
        if (enabled.isEmpty() || random.nextDouble() < 0.1) {
            passTime();
        } else if (random.nextDouble() < 0.08) {
            // Two invocations at once, interleaved call by call: two of what may run now, or a worker and an SQS
            // duplicate of one of its messages delivered to another worker meanwhile.
            trace.add("  at once:");
            interleaving.run(world.chunks.queue().hasVisible() && random.nextBoolean() ? workerAndDuplicate()
                    : List.of(enabled.get(random.nextInt(enabled.size())), enabled.get(random.nextInt(enabled.size()))),
                    random);
        } else {
            enabled.get(random.nextInt(enabled.size())).run();
        }
    }

    /** Time passes: a few seconds, or up to the next thing due (a notification, a message back, the sweep). */
    private void passTime() {
        Instant now = world.clock.instant();
        Instant next = nextSweep;
        if (!deliveries.isEmpty() && deliveries.peek().at().isBefore(next)) {
            next = deliveries.peek().at();
        }
        for (Optional<Instant> back : List.of(world.chunks.queue().nextVisibleAt(),
                world.completions.queue().nextVisibleAt())) {
            if (back.isPresent() && back.get().isBefore(next)) {
                next = back.get();
            }
        }
        Duration wait = random.nextDouble() < 0.5 ? Duration.ofSeconds(1 + random.nextInt(10))
                : Duration.between(now, next).plusSeconds(1);
        world.clock.advance(wait.isNegative() ? Duration.ofSeconds(1) : wait);
        trace.add(() -> "+" + wait.toSeconds() + " s");
    }

    private void deliver() {
        if (deliveries.isEmpty() || deliveries.peek().at().isAfter(world.clock.instant())) {
            return;
        }
        Delivery delivery = deliveries.poll();
        Upload upload = delivery.upload();
        if (delivery.cancel() && upload.source == null) {
            // The admin has no batch id to cancel before S3 notified the upload.
            return;
        }
        if (upload.source == null) {
            upload.source = world.upload(upload.key, upload.content, upload.metadata);
        }
        trace.add(() -> at() + " splitter: " + (delivery.cancel() ? "cancel request for " : "notification of ")
                + upload + ", attempt " + delivery.attempt());
        try {
            invoke(delivery.cancel() ? () -> world.splitter.cancel(BatchSplitter.CANCEL_PREFIX
                    + upload.source.batchId()) : () -> world.split(upload.source));
        } catch (RuntimeException | Faults.Crash e) {
            if (delivery.attempt() <= SPLITTER_RETRIES) {
                deliveries.add(new Delivery(world.clock.instant().plus(Duration.ofMinutes(delivery.attempt())),
                        order++, upload, delivery.attempt() + 1, delivery.cancel()));
            } else if (!delivery.cancel()) {
                trace.add("    to the splitter's failure destination");
                dropped.add(upload);
            }
        }
    }

    /** A worker invocation: up to 10 messages; a crash loses the whole invocation, an exception its message. */
    private void runWorker() {
        work(world.chunks.queue().receive(InMemoryPipeline.WORKER_BATCH, random), true);
    }

    /** A worker's invocation, and another worker given a duplicate of one of its messages at the same time. */
    private List<Runnable> workerAndDuplicate() {
        List<InMemoryQueue.Delivery> batch = world.chunks.queue().receive(InMemoryPipeline.WORKER_BATCH, random);
        if (batch.isEmpty()) {
            // the visible messages had used their receives: they moved to the dead-letter queue
            return List.of();
        }
        InMemoryQueue.Delivery copy = batch.get(random.nextInt(batch.size()));
        duplicates++;
        trace.add(() -> "  (SQS delivers " + describe(copy) + " to a second worker while the first holds it)");
        return List.of(() -> work(batch, true), () -> work(List.of(copy), false));
    }

    /**
     * A worker invocation, through the handlers' partial-batch loop on a Lambda context whose time is this
     * invocation's clock: a crash loses the whole invocation, and so does running past the timeout (the response is
     * lost: every message comes back); a message that throws, or is not started for lack of time, is retried.
     */
    private void work(List<InMemoryQueue.Delivery> batch, boolean delete) {
        if (batch.isEmpty()) {
            return;
        }
        trace.add(() -> at() + " worker: " + batch.stream().map(Schedule::describe).toList());
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).receiveCount() > 1) {
                duplicates++;
            }
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(String.valueOf(i));
            message.setBody(batch.get(i).body());
            messages.add(message);
        }
        event.setRecords(messages);
        SQSBatchResponse response;
        faults.timedInvocationStarts(InMemoryPipeline.WORKER_TIMEOUT.toMillis());
        try {
            // The time left, as this invocation's own simulated clock says it.
            LocalContext context = new LocalContext("worker",
                    () -> (int) Math.max(Integer.MIN_VALUE, faults.remainingMillis()));
            response = PartialBatch.eachMessage(event, context, workerReserve, message -> invoke(
                    () -> world.processor.process(ChunkMessageBody.decode(message.getBody()))));
            if (faults.remainingMillis() < 0) {
                faults.timedOutAfterItsLastCall();
                return;
            }
        } catch (Faults.Crash e) {
            return;
        } finally {
            faults.timedInvocationEnds();
        }
        Set<String> retried = new HashSet<>();
        response.getBatchItemFailures().forEach(failure -> retried.add(failure.getItemIdentifier()));
        if (!retried.isEmpty()) {
            trace.add(() -> "    " + retried.size() + " of them failed or were not started, retried");
        }
        if (!delete) {
            return;
        }
        List<InMemoryQueue.Delivery> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!retried.contains(String.valueOf(i))) {
                done.add(batch.get(i));
            }
        }
        done.forEach(world.chunks.queue()::delete);
        if (random.nextDouble() < 0.02 && !done.isEmpty()) {
            // Standard SQS may deliver a message again even after it was deleted.
            String body = done.get(random.nextInt(done.size())).body();
            world.chunks.queue().send(body);
            duplicates++;
            trace.add("    SQS delivers one of them once more");
        }
    }

    private void runDeadLetters() {
        // As Lambda's event source: at most a batch of dead letters per invocation, however many are waiting.
        List<String> bodies = world.chunks.queue().takeDeadLetters(InMemoryPipeline.DEAD_LETTER_BATCH);
        trace.add(() -> at() + " dead-letter: " + bodies.size() + " messages");
        List<String> left = new ArrayList<>();
        for (String body : bodies) {
            try {
                invoke(() -> world.processor.deadLettered(ChunkMessageBody.decode(body),
                        String.valueOf(InMemoryPipeline.MAX_RECEIVES)));
            } catch (RuntimeException e) {
                left.add(body);
            } catch (Faults.Crash e) {
                // The invocation dies: the whole batch of dead letters comes back.
                left = bodies;
                break;
            }
        }
        left.forEach(world.chunks.queue()::returnDeadLetter);
    }

    private void runAggregator() {
        List<InMemoryQueue.Delivery> notices = world.completions.queue().receive(InMemoryPipeline.AGGREGATOR_BATCH);
        for (InMemoryQueue.Delivery notice : notices) {
            trace.add(() -> at() + " aggregator: " + notice.body() + " (receive " + notice.receiveCount() + ")");
            try {
                invoke(() -> world.aggregator.aggregate(notice.body()));
                world.completions.queue().delete(notice);
            } catch (RuntimeException | Faults.Crash e) {
                // back after the visibility timeout; after 5 receives, in the completion DLQ for the sweeper
            }
        }
    }

    private void runSweeper() {
        nextSweep = world.clock.instant().plus(SWEEP_EVERY);
        trace.add(() -> at() + " sweeper");
        try {
            invoke(world.sweeper::sweep);
        } catch (RuntimeException | Faults.Crash e) {
            // the next run sweeps again
        }
    }

    /** Notes the outputs of batches that just finished; admins react to finished create batches. */
    private void followUps() {
        for (Upload upload : List.copyOf(uploads)) {
            if (upload.finished != null) {
                continue;
            }
            finished(upload).ifPresent(finished -> {
                upload.finished = finished;
                if (upload.kind == BatchKind.CREATE) {
                    finished.results().ifPresent(results -> workload.followUps(upload, Invariants.rows(results),
                            world.clock.instant()).forEach(this::schedule));
                } else if (upload.kind == BatchKind.EXPORT) {
                    finished.results().ifPresent(results -> workload.fromExport(Invariants.rows(results),
                            world.clock.instant()).forEach(this::schedule));
                }
            });
        }
    }

    private void invoke(Runnable function) {
        faults.invocationStarts();
        try {
            function.run();
        } finally {
            faults.invocationEnds();
        }
    }

    private Optional<InMemoryPipeline.Finished> finished(Upload upload) {
        return upload.source == null ? Optional.empty() : world.finished(upload.source);
    }

    private boolean registered(Upload upload) {
        return world.batches.find(upload.source.batchId()).isPresent();
    }

    private String at() {
        return Duration.between(Instant.parse("2026-12-01T09:00:00Z"), world.clock.instant()).toString()
                .substring(2).toLowerCase();
    }

    private static String describe(InMemoryQueue.Delivery delivery) {
        ChunkMessage chunk = ChunkMessageBody.decode(delivery.body());
        return chunk.batchId().substring(0, 8) + "#" + chunk.chunkIndex()
                + (delivery.receiveCount() > 1 ? " (receive " + delivery.receiveCount() + ")" : "");
    }
}
