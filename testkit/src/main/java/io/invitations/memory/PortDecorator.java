package io.invitations.memory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

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

    /**
     * The ports as they are, but {@code method} of {@code port} answered by {@code answer} (given the real port and the
     * call's arguments): how a test plants a bug or a failure in one call.
     */
    static <P> PortDecorator overriding(Class<P> port, String method, BiFunction<P, Object[], Object> answer) {
        return new PortDecorator() {
            @Override
            public <T> T around(Class<T> type, T target) {
                if (type != port) {
                    return target;
                }
                P real = port.cast(target);
                return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                        (proxy, called, args) -> {
                            if (called.getName().equals(method)) {
                                return answer.apply(real, args);
                            }
                            try {
                                return called.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }));
            }
        };
    }

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
