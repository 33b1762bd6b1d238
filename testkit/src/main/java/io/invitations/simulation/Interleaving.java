package io.invitations.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * Invocations running at the same time, as Lambda runs them, made deterministic: each runs on a thread of its own,
 * but only one runs at any moment; at every store or queue call the running one hands the turn to an invocation
 * the schedule's random source picks (maybe itself). So two workers on one chunk, two accepts of one invitation or
 * an accept and a revocation interleave call by call, in an order the seed decides. The threads are kept from one
 * schedule to the next, until {@link #close}.
 */
final class Interleaving implements AutoCloseable {
    private static final double SWITCH_RATE = 0.2;

    private Random random;
    private final ThreadLocal<Lane> current = new ThreadLocal<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final Semaphore finished = new Semaphore(0);
    private List<Lane> running = List.of();
    private volatile Throwable escaped;

    /** A thread that runs one invocation at a time, when given the turn. */
    private final class Lane {
        final Semaphore turn = new Semaphore(0);
        final Thread thread;
        volatile Runnable invocation;
        volatile boolean done = true;
        volatile boolean closed;

        Lane() {
            thread = new Thread(this::serve, "simulated-invocation");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            current.set(this);
            while (true) {
                turn.acquireUninterruptibly();
                if (closed) {
                    return;
                }
                try {
                    invocation.run();
                } catch (RuntimeException | Error e) {
                    escaped = e;
                } finally {
                    done = true;
                    handOn(null);
                }
            }
        }
    }

    /** Runs the invocations interleaved, call by call, in the order {@code random} picks; returns when all ended. */
    void run(List<Runnable> invocations, Random random) {
        this.random = random;
        while (lanes.size() < invocations.size()) {
            lanes.add(new Lane());
        }
        running = lanes.subList(0, invocations.size());
        for (int i = 0; i < invocations.size(); i++) {
            running.get(i).invocation = invocations.get(i);
            running.get(i).done = false;
        }
        handOn(null);
        finished.acquireUninterruptibly();
        if (escaped != null) {
            Throwable e = escaped;
            escaped = null;
            throw new IllegalStateException("an invocation ended with " + e, e);
        }
    }

    /** Before a store call: the turn may pass to another invocation (nothing happens outside {@link #run}). */
    void point() {
        Lane me = current.get();
        // Most calls keep the turn: switching threads costs far more than a call, and a switch now and then is
        // enough for the seed to reach every order.
        if (me == null || me.done || random.nextDouble() >= SWITCH_RATE) {
            return;
        }
        if (handOn(me) != me) {
            me.turn.acquireUninterruptibly();
        }
    }

    /** Gives the turn to a running invocation picked at random (or ends the run); returns the one picked. */
    private Lane handOn(Lane me) {
        List<Lane> left = running.stream().filter(lane -> !lane.done).toList();
        if (left.isEmpty()) {
            finished.release();
            return null;
        }
        Lane next = left.get(random.nextInt(left.size()));
        if (next != me) {
            next.turn.release();
        }
        return next;
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.closed = true;
            lane.turn.release();
        }
    }
}
