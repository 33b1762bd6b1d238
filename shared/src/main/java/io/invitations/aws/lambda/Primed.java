package io.invitations.aws.lambda;

/**
 * The service a handler calls, with the SnapStart priming registered for its function. The handler holds this,
 * and so the priming: CRaC keeps registered hooks only weakly.
 */
public record Primed<S>(S service, SnapStartPriming priming) {

    /** {@code service}, with {@code priming} run before a SnapStart snapshot of the container. */
    public static <S> Primed<S> of(S service, Runnable priming) {
        return new Primed<>(service, SnapStartPriming.register(priming));
    }

    /** A service built by a test: nothing to prime. */
    public static <S> Primed<S> unprimed(S service) {
        return new Primed<>(service, SnapStartPriming.none());
    }
}
