package io.invitations.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.invitations.aws.lambda.LocalContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What a Lambda SQS event source mapping does, for the local runtime: {@code concurrency} pollers each
 * receive up to {@code batchSize} messages (with the queue's visibility timeout), invoke the handler with
 * a real-shaped SQS event, and delete the messages that did not fail. Reported batch item failures, and
 * every message of an invocation that threw, stay in the queue until their visibility timeout ends; the
 * queue's redrive policy moves them to the DLQ after maxReceiveCount receives.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    /**
     * Lambda's pollers long-poll for 20 s; here a receive waits 1 s (the SDK cannot cut a receive off: a closed
     * source's poller still in a long poll would take a message sent later out of sight for its visibility
     * timeout) and an idle poller then pauses until {@link #wake()}, or for 2 s: an idle queue costs about 20
     * receives a minute.
     */
    static final int LONG_POLL_SECONDS = 1;
    static final long IDLE_PAUSE_MILLIS = 2_000;

    /** While quiet (see {@link #quiet}), an idle poller pauses this long instead. */
    static final long QUIET_PAUSE_MILLIS = 30_000;

    private final long idlePauseMillis;
    private volatile boolean quiet;
    /** The function this source invokes, as its context names it. */
    private final String functionName;
    private final AtomicLong idlePauses = new AtomicLong();
    private final AtomicLong quietPauses = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong handlerNanos = new AtomicLong();
    /** Each invocation's run time, in the order they ended (a benchmark's median and worst). */
    private final List<Long> invocationMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Instant> firstInvoked = new AtomicReference<>();
    private final Phaser deliveries = new Phaser(1);
    /** Counted down once, by {@link #close()}. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Where idle pollers pause; {@link #wake()} and {@link #close()} end the pauses. */
    private final Object pause = new Object();
    /** How many times the pauses were ended: a pausing poller ends its pause when this moves. Guarded by pause. */
    private long wakeups;

    public SqsEventSource(SqsClient sqs, String queueUrl, int batchSize, int concurrency,
                          RequestHandler<SQSEvent, SQSBatchResponse> handler, String functionName) {
        this(sqs, queueUrl, batchSize, concurrency, handler, functionName, IDLE_PAUSE_MILLIS);
    }

    /** As the other constructor, an idle poller pausing {@code idlePauseMillis} after an empty receive. */
    public SqsEventSource(SqsClient sqs, String queueUrl, int batchSize, int concurrency,
                          RequestHandler<SQSEvent, SQSBatchResponse> handler, String functionName, long idlePauseMillis) {
        this.idlePauseMillis = idlePauseMillis;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn(queueUrl);
        this.batchSize = batchSize;
        this.handler = handler;
        this.functionName = functionName;
        for (int i = 0; i < concurrency; i++) {
            Thread poller = new Thread(this::poll, functionName + "-" + i);
            poller.setDaemon(true);
            poller.start();
        }
    }

    /** How many times the handler was invoked. */
    public long invocations() {
        return invocations.get();
    }

    /** When the handler was first invoked, if it was. */
    public Optional<Instant> firstInvoked() {
        return Optional.ofNullable(firstInvoked.get());
    }

    /** How many times a poller found the queue empty and began an idle pause. */
    public long idlePauses() {
        return idlePauses.get();
    }

    /** How many times a poller began waiting out a quiet pause (one no wake cut short as it began). */
    public long quietPauses() {
        return quietPauses.get();
    }

    /** Each invocation's run time so far, in milliseconds. */
    public List<Long> invocationMillis() {
        synchronized (invocationMillis) {
            return List.copyOf(invocationMillis);
        }
    }

    /** The handler's total run time, as Lambda bills it (rounded per invocation: not here). */
    public long handlerMillis() {
        return handlerNanos.get() / 1_000_000;
    }

    private void poll() {
        while (running()) {
            try {
                // Read before the receive: a wake while it is under way (for a message it may miss) skips the pause.
                long seen = wakeups();
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(LONG_POLL_SECONDS).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                        .messages();
                if (messages.isEmpty()) {
                    idlePause(seen);
                } else {
                    deliveries.register();
                    try {
                        if (running()) {
                            deliver(messages);
                        }
                    } finally {
                        deliveries.arriveAndDeregister();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running()) {
                    LOG.warn("poller error: {}", e.toString());
                    sleepQuietly();
                }
            }
        }
    }

    private boolean running() {
        return stopped.getCount() > 0;
    }

    private long wakeups() {
        synchronized (pause) {
            return wakeups;
        }
    }

    /** Pauses for {@code idlePauseMillis} (longer while quiet), or until woken after the {@code seen}th wake. */
    private void idlePause(long seen) throws InterruptedException {
        idlePauses.incrementAndGet();
        boolean quietPause = quiet;
        long pauseMillis = quietPause ? QUIET_PAUSE_MILLIS : idlePauseMillis;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis);
        synchronized (pause) {
            if (quietPause && wakeups == seen) {
                quietPauses.incrementAndGet();
            }
            for (long left = end - System.nanoTime(); left > 0 && wakeups == seen && running();
                 left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(pause, left);
            }
        }
    }

    /**
     * Quiet, for a server nobody uses: an idle poller pauses {@link #QUIET_PAUSE_MILLIS} (a few receives a
     * minute); else its usual pause. The pauses under way end, so that a poller follows at once.
     */
    public void quiet(boolean quiet) {
        this.quiet = quiet;
        wake();
    }

    /**
     * Ends the idle pauses: messages were just sent. Lambda's pollers long-poll without a pause and take a
     * message at once; here the one who sent it says so (the splitter's invocation), and the pollers come back.
     */
    public void wake() {
        synchronized (pause) {
            wakeups++;
            pause.notifyAll();
        }
    }

    private void deliver(List<Message> messages) {
        Set<String> failed;
        try {
            invocations.incrementAndGet();
            firstInvoked.compareAndSet(null, Instant.now());
            long started = System.nanoTime();
            SQSBatchResponse response;
            try {
                response = handler.handleRequest(eventFor(messages, queueArn), new LocalContext(functionName));
            } finally {
                long took = System.nanoTime() - started;
                handlerNanos.addAndGet(took);
                invocationMillis.add(took / 1_000_000);
            }
            failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream()
                            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        } catch (RuntimeException | Error e) {
            LOG.warn("invocation failed, its messages will be retried: {}",
                    e.toString());
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    /** The event Lambda's poller builds from received messages. */
    public static SQSEvent eventFor(List<Message> messages, String queueArn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    public static String queueArn(String queueUrl) {
        return "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops polling and waits for the invocations under way; a poller still waiting in a long poll is left to
     * end with the servers (its messages, if any, are not delivered and come back after their visibility timeout).
     */
    @Override
    public void close() throws InterruptedException {
        stopped.countDown();
        wake();
        try {
            deliveries.awaitAdvanceInterruptibly(deliveries.arrive(), 60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("an invocation was still running after 60 s");
        }
    }
}
