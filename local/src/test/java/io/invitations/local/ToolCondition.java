package io.invitations.local;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link NeedsTools} class where its tools are here. Where one is missing it says so on one line of the
 * build's output and skips the class, or, with {@link Tool#REQUIRED} set, fails it. Each tool is probed once per
 * test run (kept in the root store).
 */
final class ToolCondition implements ExecutionCondition {
    private static final ExtensionContext.Namespace PROBES = ExtensionContext.Namespace.create(ToolCondition.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        List<Tool> needed = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, NeedsTools.class))
                .map(n -> Arrays.asList(n.value())).orElse(List.of());
        ExtensionContext.Store probes = context.getRoot().getStore(PROBES);
        for (Tool tool : needed) {
            if (!probes.getOrComputeIfAbsent(tool, Tool::present, Boolean.class)) {
                String test = context.getRequiredTestClass().getSimpleName();
                String reason = test + " needs " + tool.description + ", not found here (" + tool.howToGet + ")";
                if ("true".equalsIgnoreCase(System.getenv(Tool.REQUIRED))) {
                    throw new IllegalStateException(reason + "; " + Tool.REQUIRED + "=true makes it required");
                }
                System.out.println("SKIPPED: " + reason);
                return ConditionEvaluationResult.disabled(reason);
            }
        }
        return ConditionEvaluationResult.enabled("its tools are here: " + needed);
    }
}
