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
    /** A targeted fault: the n-th request of a kind (1-based), before sending or after it was applied. */
    private volatile Target target;
    private final AtomicLong targetSeen = new AtomicLong();

    record Target(String requestType, int nth, boolean afterApplied) {
    }

    FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    void arm(double probability) {
        this.probability = probability;
    }

    /** Fails exactly one request: the {@code nth} of {@code requestType} made by a handler thread. */
    void failOnce(String requestType, int nth, boolean afterApplied) {
        targetSeen.set(0);
        target = new Target(requestType, nth, afterApplied);
    }

    private void maybeFailTarget(Object request, boolean afterApplied) {
        Target t = target;
        if (t != null && t.afterApplied() == afterApplied && isHandlerThread()
                && request.getClass().getSimpleName().equals(t.requestType())
                && targetSeen.incrementAndGet() == t.nth()) {
            target = null;
            injected.incrementAndGet();
            throw new IllegalStateException("injected fault at " + t);
        }
    }

    private static boolean isHandlerThread() {
        String thread = Thread.currentThread().getName();
        return thread.startsWith("worker") || thread.startsWith("aggregator")
                || thread.startsWith("dead-letter") || thread.startsWith("splitter");
    }

    long injected() {
        return injected.get();
    }

    private void maybeFail(String when) {
        boolean handlerThread = isHandlerThread();
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
        maybeFailTarget(context.request(), false);
        maybeFail("before sending " + context.request().getClass().getSimpleName());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        maybeFailTarget(context.request(), true);
        maybeFail("after the service applied " + context.request().getClass().getSimpleName());
    }
}
