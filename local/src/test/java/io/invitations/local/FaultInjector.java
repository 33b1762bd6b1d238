package io.invitations.local;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Fails the AWS calls of the pipeline's own threads (the handlers: splitter, worker, aggregator, dead
 * letters) at random: before a request is sent (nothing happened), or after the service applied it and
 * before the caller hears back (the write happened; the process "died" before acknowledging it).
 */
final class FaultInjector implements ExecutionInterceptor {
    private final Random random;
    private final AtomicLong injected = new AtomicLong();
    private volatile double probability;

    FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    void arm(double probability) {
        this.probability = probability;
    }

    long injected() {
        return injected.get();
    }

    private void maybeFail(String when) {
        String thread = Thread.currentThread().getName();
        boolean handlerThread = thread.startsWith("worker") || thread.startsWith("aggregator")
                || thread.startsWith("dead-letters") || thread.startsWith("splitter");
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (handlerThread && draw < probability) {
            injected.incrementAndGet();
            throw new IllegalStateException("injected fault " + when);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        maybeFail("before sending " + context.request().getClass().getSimpleName());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        maybeFail("after the service applied " + context.request().getClass().getSimpleName());
    }
}
