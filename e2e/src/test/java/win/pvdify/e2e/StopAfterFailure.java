package win.pvdify.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For scenarios whose ordered steps build on each other: after the first failing step the rest are skipped (with
 * the failed step named) instead of each waiting out its own timeout on a broken setup.
 */
final class StopAfterFailure implements TestWatcher, ExecutionCondition {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StopAfterFailure.class);

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getParent().orElseThrow().getStore(NS).put("failed", context.getDisplayName());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("class");
        }
        Object failed = context.getParent().orElseThrow().getStore(NS).get("failed");
        return failed == null ? ConditionEvaluationResult.enabled("no earlier step failed")
                : ConditionEvaluationResult.disabled("skipped: the earlier step " + failed + " failed");
    }
}
