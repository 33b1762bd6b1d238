package io.invitations.aggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.invitations.aws.AwsPipeline;
import io.invitations.aws.SnapStartPriming;
import io.invitations.pipeline.BatchSweeper;

/** Scheduled: finishes batches that stopped making progress. Returns how many it swept. */
public final class SweeperHandler implements RequestHandler<ScheduledEvent, Integer> {
    private static final System.Logger LOG = System.getLogger(SweeperHandler.class.getName());

    private final BatchSweeper sweeper;
    @SuppressWarnings("unused") // held: CRaC keeps its hooks only weakly
    private final SnapStartPriming priming;

    /** Lambda's constructor: the SDK clients are built once per container, primed before a SnapStart snapshot. */
    public SweeperHandler() {
        this(AwsPipeline.fromEnvironment());
    }

    public SweeperHandler(AwsPipeline pipeline) {
        this(pipeline.sweeper(), SnapStartPriming.register(pipeline::primeAggregator));
    }

    /** Around a service built by a test, without priming. */
    public SweeperHandler(BatchSweeper sweeper) {
        this(sweeper, SnapStartPriming.none());
    }

    private SweeperHandler(BatchSweeper sweeper, SnapStartPriming priming) {
        this.sweeper = sweeper;
        this.priming = priming;
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
