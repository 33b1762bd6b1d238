package io.invitations.splitter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.lambda.Primed;
import io.invitations.batch.BatchKind;
import io.invitations.batch.SourceObject;
import io.invitations.pipeline.BatchSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * S3 ObjectCreated under {@code incoming/} -> a registered batch with its rows queued, or, under
 * {@code incoming/cancel/}, a running batch cancelled. Returns what became of each object, e.g.
 * {@code QUEUED incoming/create/students.csv}.
 */
public final class SplitterHandler implements RequestHandler<S3Event, List<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(SplitterHandler.class);

    private final Primed<BatchSplitter> splitter;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public SplitterHandler() {
        this(AwsPipeline.fromEnvironment().splitterFunction());
    }

    public SplitterHandler(Primed<BatchSplitter> splitter) {
        this.splitter = splitter;
    }

    @Override
    public List<String> handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> split(event));
    }

    private List<String> split(S3Event event) {
        List<String> outcomes = new ArrayList<>();
        for (S3EventNotificationRecord record : event.getRecords()) {
            S3ObjectEntity object = record.getS3().getObject();
            // S3 URL-encodes keys in events (a space arrives as '+'): decode before using them.
            String key = object.getUrlDecodedKey();
            if (BatchSplitter.isCancelRequest(key) && record.getEventName().startsWith("ObjectCreated")) {
                outcomes.add(splitter.service().cancel(key) + " " + key);
                continue;
            }
            Optional<BatchKind> kind = BatchKind.forKey(key);
            if (kind.isEmpty() || !record.getEventName().startsWith("ObjectCreated")) {
                LOG.warn("ignored {} on {}: not an incoming batch file", record.getEventName(), key);
                outcomes.add("IGNORED " + key);
                continue;
            }
            SourceObject source = sourceOf(record);
            BatchSplitter.Outcome outcome = splitter.service().split(kind.get(), source);
            outcomes.add(outcome + " " + key);
        }
        return outcomes;
    }

    /** The upload an S3 event record names, its key URL-decoded. */
    public static SourceObject sourceOf(S3EventNotificationRecord record) {
        S3ObjectEntity object = record.getS3().getObject();
        Long size = object.getSizeAsLong();
        return new SourceObject(record.getS3().getBucket().getName(), object.getUrlDecodedKey(),
                object.getVersionId(), object.geteTag(), object.getSequencer(), size == null ? 0 : size);
    }
}
