package io.invitations.aggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.batch.BatchSweeper;

/** Scheduled: finishes batches that stopped making progress. Returns how many it swept. */
public final class SweeperHandler implements RequestHandler<ScheduledEvent, Integer> {
    private static final System.Logger LOG = System.getLogger(SweeperHandler.class.getName());

    private final BatchSweeper sweeper;

    public SweeperHandler() {
        this(AwsPipeline.fromEnvironment().sweeper());
    }

    public SweeperHandler(BatchSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        int swept = sweeper.sweep();
        if (swept > 0) {
            LOG.log(System.Logger.Level.WARNING, "finished {0} stalled batches", swept);
        }
        return swept;
    }
}
