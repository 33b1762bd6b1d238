package io.invitations.local.bench;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * AWS's round trip, put on the embedded servers: every request the SDK sends (each attempt) waits {@code millis}
 * before it goes, and a share {@code tailShare} of them {@code tailMultiple} times as long: a service's long tail.
 * The wait sits at the SDK's HTTP boundary (just before transmission), in every JVM of a benchmark run.
 */
public record Latency(int millis, double tailShare, int tailMultiple) {
    public static final Latency NONE = new Latency(0, 0, 1);
    /** How a benchmark hands the latency to a function's own JVM. */
    static final String ENVIRONMENT = "INVITATIONS_BENCH_LATENCY";

    public Latency {
        if (millis < 0 || tailShare < 0 || tailShare > 1 || tailMultiple < 1) {
            throw new IllegalArgumentException("a latency of 0 ms or more, a tail share from 0 to 1 and a multiple of"
                    + " 1 or more");
        }
    }

    String toEnvironment() {
        return millis + "," + tailShare + "," + tailMultiple;
    }

    static Latency fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String[] parts = value.split(",");
        return new Latency(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public String toString() {
        return millis == 0 ? "none" : String.format(Locale.ROOT, "%d ms, %.1f%% at %dx", millis, tailShare * 100,
                tailMultiple);
    }

    /** The waits, on from the start unless {@link Delay#pause}d (a benchmark's set-up runs without them). */
    public Delay delay() {
        return new Delay(this);
    }

    /** The interceptor that waits. */
    public static final class Delay implements ExecutionInterceptor {
        private final Latency latency;
        private final AtomicBoolean on = new AtomicBoolean(true);

        private Delay(Latency latency) {
            this.latency = latency;
        }

        public void pause(boolean paused) {
            on.set(!paused);
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (latency.millis == 0 || !on.get()) {
                return;
            }
            long millis = ThreadLocalRandom.current().nextDouble() < latency.tailShare
                    ? (long) latency.millis * latency.tailMultiple : latency.millis;
            try {
                TimeUnit.MILLISECONDS.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
