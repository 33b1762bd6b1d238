package io.invitations.memory;

/**
 * How the services of an {@link InMemoryPipeline} reach a store or queue: as it is, or through a wrapper (the
 * simulator's faults, a test's planted bug).
 */
@FunctionalInterface
public interface PortDecorator {
    PortDecorator NONE = new PortDecorator() {
        @Override
        public <T> T around(Class<T> port, T target) {
            return target;
        }
    };

    <T> T around(Class<T> port, T target);

    /** This decorator, then {@code outer} around what it returns. */
    default PortDecorator then(PortDecorator outer) {
        PortDecorator inner = this;
        return new PortDecorator() {
            @Override
            public <T> T around(Class<T> port, T target) {
                return outer.around(port, inner.around(port, target));
            }
        };
    }
}
