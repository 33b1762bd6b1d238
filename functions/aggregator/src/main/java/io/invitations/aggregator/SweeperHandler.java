package io.invitations.aggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.lambda.Primed;
import io.invitations.pipeline.BatchSweeper;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Scheduled: finishes batches that stopped making progress. Returns how many it swept. */
public final class SweeperHandler implements RequestHandler<ScheduledEvent, Integer> {
    private final Primed<BatchSweeper> sweeper;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public SweeperHandler() {
        this(AwsPipeline.fromEnvironment().sweeperFunction());
    }

    public SweeperHandler(Primed<BatchSweeper> sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> sweeper.service().sweep());
    }
}
