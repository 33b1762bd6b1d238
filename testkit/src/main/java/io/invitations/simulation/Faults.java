package io.invitations.simulation;

import io.invitations.memory.PortDecorator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Where AWS may fail a call: before any store or queue call of an invocation a fault may be injected, as a
 * throttle (the call refused, the SDK's exception reaching the code), a crash before the call (the invocation
 * dies; nothing applied) or a crash after it (applied, the answer lost with the invocation). Faults are drawn from
 * their own random source, or replayed from a plan (the shrinker removes faults one by one).
 *
 * <p>A timed invocation (a worker's) also has a clock of its own: each call takes the schedule's call time (a
 * throttled one the SDK's backoff besides), and the first call past the function's timeout is where Lambda kills
 * the invocation (a crash; the partial-batch response is lost).
 */
final class Faults implements PortDecorator {
    /** The invocation dies: an Error, so that nothing in the services or the partial-batch loop catches it. */
    static final class Crash extends Error {
        Crash(String where) {
            super(where, null, false, false);
        }
    }

    /** The call is refused (throttled, a transaction conflict): the invocation sees an exception. */
    static final class Throttle extends RuntimeException {
        Throttle(String where) {
            super("throttled: " + where, null, false, false);
        }
    }

    enum Kind { THROTTLE, CRASH_BEFORE, CRASH_AFTER }

    /** A fault at the {@code call}-th store call of the schedule. */
    record Fault(long call, Kind kind) {
    }

    /** What the SDK's retries of a throttled call take before the exception reaches the code. */
    private static final long THROTTLE_BACKOFF_MILLIS = 1_000;

    private final Random random;
    private final double rate;
    private final long callMillis;
    /** Per thread (each concurrent invocation runs on its own): {elapsed, timeout} of the timed invocation, if any. */
    private final ThreadLocal<long[]> clock = new ThreadLocal<>();
    private long timeouts;
    private final Set<Long> planned;
    private final List<Fault> plan;
    private final Trace trace;
    private Interleaving interleaving;
    private final List<Fault> injected = new ArrayList<>();
    private int invocationsRunning;
    private long calls;
    private long crashes;

    /** Faults drawn at {@code rate} per call from {@code random}; each call takes {@code callMillis}. */
    Faults(Random random, double rate, long callMillis, Trace trace) {
        this(random, rate, null, callMillis, trace);
    }

    /** Exactly the faults of {@code plan}, at the same calls. */
    Faults(List<Fault> plan, long callMillis, Trace trace) {
        this(null, 0, plan, callMillis, trace);
    }

    private Faults(Random random, double rate, List<Fault> plan, long callMillis, Trace trace) {
        this.random = random;
        this.rate = rate;
        this.callMillis = callMillis;
        this.plan = plan;
        this.planned = plan == null ? Set.of() : plan.stream().map(Fault::call).collect(java.util.stream.Collectors.toSet());
        this.trace = trace;
    }

    /** Wraps {@code target} so that each of its calls is a place for a fault while an invocation runs. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T around(Class<T> port, T target) {
        // One interception point for every port: a dynamic proxy rather than a hand-written wrapper per port.
        InvocationHandler handler = (proxy, method, args) -> {
            if (interleaving != null) {
                interleaving.point();
            }
            String where = port.getSimpleName() + "." + method.getName();
            long[] timed = clock.get();
            if (timed != null) {
                if (timed[0] >= timed[1]) {
                    timeouts++;
                    trace.add("    timed out at " + timed[0] / 1000 + " s, before " + where + " (killed)");
                    throw new Crash(where);
                }
                timed[0] += callMillis;
            }
            Kind fault = invocationsRunning > 0 ? next() : null;
            if (fault == Kind.THROTTLE) {
                if (timed != null) {
                    timed[0] += THROTTLE_BACKOFF_MILLIS;
                }
                trace.add("    throttled: " + where);
                throw new Throttle(where);
            }
            if (fault == Kind.CRASH_BEFORE) {
                crashes++;
                trace.add("    crash before " + where + " (not applied)");
                throw new Crash(where);
            }
            Object answer;
            try {
                answer = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (fault == Kind.CRASH_AFTER) {
                crashes++;
                trace.add("    crash after " + where + " (applied, answer lost)");
                throw new Crash(where);
            }
            return answer;
        };
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler);
    }

    private Kind next() {
        long call = ++calls;
        Kind kind = null;
        if (plan != null) {
            if (planned.contains(call)) {
                kind = plan.stream().filter(f -> f.call() == call).findFirst().orElseThrow().kind();
            }
        } else if (random.nextDouble() < rate) {
            kind = Kind.values()[random.nextInt(Kind.values().length)];
        }
        if (kind != null) {
            injected.add(new Fault(call, kind));
        }
        return kind;
    }

    /** Store calls are where concurrent invocations may interleave. */
    void interleave(Interleaving interleaving) {
        this.interleaving = interleaving;
    }

    /** Faults apply only inside invocations (counted: they may overlap), never to the checks that read the stores. */
    void invocationStarts() {
        invocationsRunning++;
    }

    void invocationEnds() {
        invocationsRunning--;
    }

    /** A timed invocation starts on this thread, with {@code timeoutMillis} before Lambda kills it. */
    void timedInvocationStarts(long timeoutMillis) {
        clock.set(new long[] {0, timeoutMillis});
    }

    void timedInvocationEnds() {
        clock.remove();
    }

    /** What is left of the timed invocation on this thread (negative: past its timeout). */
    long remainingMillis() {
        long[] timed = clock.get();
        return timed[1] - timed[0];
    }

    /** The timed invocation ran past its timeout in its last call: Lambda killed it before it could answer. */
    void timedOutAfterItsLastCall() {
        timeouts++;
        trace.add("    timed out at " + clock.get()[0] / 1000 + " s, in its last call (killed, its answer lost)");
    }

    long timeouts() {
        return timeouts;
    }

    List<Fault> injected() {
        return injected;
    }

    long crashes() {
        return crashes;
    }
}
