package io.invitations.local.runtime;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.invitations.local.client.BatchUpload;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3's ObjectCreated notifications for {@code incoming/} (or a folder of it), which the embedded S3 server does not
 * send: the prefix is listed every {@code interval} (every {@code quietInterval} while {@code quiet} says so), and each
 * new upload (a new key, or a key whose ETag or modification time changed) is handed to {@code notify} as the
 * event S3 would send, one at a time.
 * Objects already there when watching starts are noticed again: the notice of an upload made just before
 * a crash is not lost, and for an upload whose batch is registered the splitter does nothing.
 */
public final class IncomingWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingWatcher.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Consumer<S3Event> notify;
    private final long intervalMillis;
    private final long quietIntervalNanos;
    private final BooleanSupplier quiet;
    private final Map<String, String> noticed = new HashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    public IncomingWatcher(S3Client s3, String bucket, String prefix, long intervalMillis, long quietIntervalMillis,
                           BooleanSupplier quiet, Consumer<S3Event> notify) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.notify = notify;
        this.intervalMillis = intervalMillis;
        this.quietIntervalNanos = TimeUnit.MILLISECONDS.toNanos(quietIntervalMillis);
        this.quiet = quiet;
        this.thread = new Thread(this::watch, "incoming-watcher");
        thread.start();
    }

    private void watch() {
        try {
            long looked = System.nanoTime();
            look();
            while (!stop.await(intervalMillis, TimeUnit.MILLISECONDS)) {
                if (!quiet.getAsBoolean() || System.nanoTime() - looked >= quietIntervalNanos) {
                    looked = System.nanoTime();
                    look();
                }
            }
            // One last look, so an upload that completed before the stop is not left unnoticed.
            look();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void look() {
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                    .forEach(this::noticeIfNew);
        } catch (RuntimeException e) {
            LOG.warn("listing {} failed: {}", prefix, e.toString());
        }
    }

    private void noticeIfNew(S3Object object) {
        String sequencer = BatchUpload.sequencerOf(object);
        if (sequencer.equals(noticed.get(object.key()))) {
            return;
        }
        noticed.put(object.key(), sequencer);
        try {
            notify.accept(S3Notifications.objectCreated(bucket, object));
        } catch (RuntimeException e) {
            // As Lambda after its asynchronous retries: the event is dropped, the failure reported.
            LOG.error("the splitter failed on {}", object.key(), e);
        }
    }

    /** Stops watching after a last look, waiting for the event being handled, if any. */
    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join();
    }
}
