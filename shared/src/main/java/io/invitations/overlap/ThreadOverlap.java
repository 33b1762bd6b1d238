package io.invitations.overlap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * An {@link Overlap} on threads: the caller and up to {@code width - 1} threads of a cached pool (daemon threads,
 * kept for the container's next chunk, gone after a minute unused) take the items one at a time. Each thread
 * carries the caller's log keys (batch id, kind, chunk), so that its lines say whose work they are.
 */
final class ThreadOverlap implements Overlap {
    private final int width;
    private final ExecutorService threads;

    ThreadOverlap(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("an overlap of at least one piece at a time");
        }
        this.width = width;
        AtomicInteger made = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "overlap-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <I, O> List<O> map(List<I> items, Function<? super I, ? extends O> work) {
        if (items.size() <= 1 || width == 1) {
            return SEQUENTIAL.map(items, work);
        }
        Object[] results = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        Map<String, String> logKeys = MDC.getCopyOfContextMap();
        Runnable lane = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                results[i] = work.apply(items.get(i));
            }
        };
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < Math.min(width, items.size()); i++) {
            others.add(threads.submit(() -> {
                if (logKeys != null) {
                    MDC.setContextMap(logKeys);
                }
                try {
                    lane.run();
                } finally {
                    MDC.clear();
                }
            }));
        }
        Throwable failure = null;
        try {
            lane.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("a piece of a chunk's work was interrupted", failure);
        }
        @SuppressWarnings("unchecked")
        List<O> inOrder = (List<O>) Arrays.asList(results);
        return inOrder;
    }
}
