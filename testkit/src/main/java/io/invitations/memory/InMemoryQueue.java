package io.invitations.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SQS queue in memory, on a clock: at-least-once delivery (a received message comes back after its visibility
 * timeout unless deleted), a dead-letter queue after {@code maxReceiveCount} receives, and for a FIFO queue
 * de-duplication (the same de-duplication id within 5 minutes is dropped) and one message in flight per group.
 */
public final class InMemoryQueue {
    /** SQS's FIFO de-duplication interval. */
    public static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration visibilityTimeout;
    private final int maxReceiveCount;
    private final boolean fifo;
    private final Map<Long, Message> messages = new LinkedHashMap<>();
    private final Map<String, Instant> deduplicationIds = new HashMap<>();
    private final List<Message> deadLetters = new ArrayList<>();
    private long sent;

    public InMemoryQueue(Clock clock, Duration visibilityTimeout, int maxReceiveCount, boolean fifo) {
        this.clock = clock;
        this.visibilityTimeout = visibilityTimeout;
        this.maxReceiveCount = maxReceiveCount;
        this.fifo = fifo;
    }

    /** A message as a consumer receives it: the receipt handle changes with every receive. */
    public record Delivery(long messageId, String body, String group, int receiveCount, String receipt) {
    }

    private static final class Message {
        final long id;
        final String body;
        final String group;
        int receives;
        Instant visibleAt;
        String receipt;

        Message(long id, String body, String group, Instant visibleAt) {
            this.id = id;
            this.body = body;
            this.group = group;
            this.visibleAt = visibleAt;
        }
    }

    /** Sends a message; on a FIFO queue, one whose de-duplication id was sent in the last 5 minutes is dropped. */
    public synchronized void send(String body, String group, String deduplicationId) {
        Instant now = clock.instant();
        if (fifo) {
            Instant first = deduplicationIds.get(deduplicationId);
            if (first != null && now.isBefore(first.plus(DEDUPLICATION_WINDOW))) {
                return;
            }
            deduplicationIds.put(deduplicationId, now);
        }
        sent++;
        messages.put(sent, new Message(sent, body, group, now));
    }

    /** Sends a message to a standard queue. */
    public void send(String body) {
        send(body, "", "");
    }

    /**
     * Receives up to {@code max} visible messages, hiding each for the visibility timeout. A message received
     * {@code maxReceiveCount} times before moves to the dead-letter queue instead.
     */
    public List<Delivery> receive(int max) {
        return receive(max, null);
    }

    /**
     * As {@link #receive(int)}; on a standard queue with {@code reorder}, the messages are considered in a random
     * order (SQS does not keep a standard queue's order).
     */
    public synchronized List<Delivery> receive(int max, java.util.Random reorder) {
        Instant now = clock.instant();
        List<Delivery> received = new ArrayList<>();
        Set<String> groupsInFlight = new HashSet<>();
        if (fifo) {
            messages.values().stream().filter(m -> m.visibleAt.isAfter(now)).forEach(m -> groupsInFlight.add(m.group));
        }
        List<Message> candidates = new ArrayList<>(messages.values());
        if (reorder != null && !fifo) {
            java.util.Collections.shuffle(candidates, reorder);
        }
        for (Message message : candidates) {
            if (received.size() == max) {
                break;
            }
            if (message.visibleAt.isAfter(now) || (fifo && groupsInFlight.contains(message.group))) {
                continue;
            }
            if (message.receives >= maxReceiveCount) {
                messages.remove(message.id);
                deadLetters.add(message);
                continue;
            }
            message.receives++;
            message.visibleAt = now.plus(visibilityTimeout);
            message.receipt = message.id + "#" + message.receives;
            received.add(new Delivery(message.id, message.body, message.group, message.receives, message.receipt));
            if (fifo) {
                groupsInFlight.add(message.group);
            }
        }
        return received;
    }

    /** Deletes a received message; a receipt from an earlier receive (the message came back since) is stale. */
    public synchronized boolean delete(Delivery delivery) {
        Message message = messages.get(delivery.messageId());
        if (message == null || !delivery.receipt().equals(message.receipt)) {
            return false;
        }
        messages.remove(delivery.messageId());
        return true;
    }

    /** When the next message in flight becomes visible again, if one is in flight. */
    public synchronized java.util.Optional<Instant> nextVisibleAt() {
        Instant now = clock.instant();
        return messages.values().stream().map(m -> m.visibleAt).filter(at -> at.isAfter(now)).min(Instant::compareTo);
    }

    /** True when a receive now would find a message (or move one to the dead-letter queue). */
    public synchronized boolean hasVisible() {
        Instant now = clock.instant();
        return messages.values().stream().anyMatch(m -> !m.visibleAt.isAfter(now));
    }

    /** Messages waiting or in flight. */
    public synchronized int depth() {
        return messages.size();
    }

    /** Puts a body taken from the dead-letter queue back, as a consumer that failed on it leaves it there. */
    public synchronized void returnDeadLetter(String body) {
        sent++;
        deadLetters.add(new Message(sent, body, "", clock.instant()));
    }

    /** Messages in the dead-letter queue. */
    public synchronized int deadLetterDepth() {
        return deadLetters.size();
    }

    /** Up to {@code max} bodies moved to the dead-letter queue, oldest first; taken out of it. */
    public synchronized List<String> takeDeadLetters(int max) {
        List<Message> taken = deadLetters.subList(0, Math.min(max, deadLetters.size()));
        List<String> bodies = taken.stream().map(m -> m.body).toList();
        taken.clear();
        return bodies;
    }
}
