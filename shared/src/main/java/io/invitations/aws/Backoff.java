package io.invitations.aws;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, for the retries the SDK does not do itself. */
final class Backoff {
    static final int MAX_ATTEMPTS = 10;
    private static final long BASE_MILLIS = 20;
    private static final long CAP_MILLIS = 2_000;

    private Backoff() {
    }

    static void pause(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
