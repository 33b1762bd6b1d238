package io.invitations.aws.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's priming, run by the runtime just before Lambda SnapStart takes the snapshot of an initialised
 * container (a CRaC {@code beforeCheckpoint} hook; on a JVM without CRaC, never). The handler keeps a
 * reference to it: CRaC holds registered resources weakly.
 */
public final class SnapStartPriming implements Resource {
    private final Runnable priming;

    private SnapStartPriming(Runnable priming) {
        this.priming = priming;
    }

    /** Registers {@code priming} to run before the snapshot. */
    public static SnapStartPriming register(Runnable priming) {
        SnapStartPriming resource = new SnapStartPriming(priming);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    /** No priming (handlers built by tests around their own services). */
    public static SnapStartPriming none() {
        return new SnapStartPriming(() -> { });
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients resolve credentials and connections on use.
    }
}
