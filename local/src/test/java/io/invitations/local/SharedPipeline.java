package io.invitations.local;

import io.invitations.local.runtime.LocalPipeline;
import io.invitations.stack.StackSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-memory local pipeline, event sources running, per test JVM (kept in JUnit's root store and
 * closed when the run ends). Visibility timeouts are short so that retries show within seconds.
 */
public final class SharedPipeline implements ParameterResolver {
    static final StackSettings SETTINGS = StackSettings.template().withVisibilityTimeouts(3, 3);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalPipeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedPipeline.class, k -> new Resource(), Resource.class).pipeline;
    }

    /** Closed by JUnit with the root store. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        private final LocalPipeline pipeline;

        Resource() {
            try {
                pipeline = LocalPipeline.start(null, SETTINGS);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded servers", e);
            }
            pipeline.startEventSources();
        }

        @Override
        public void close() throws Exception {
            pipeline.close();
        }
    }
}
