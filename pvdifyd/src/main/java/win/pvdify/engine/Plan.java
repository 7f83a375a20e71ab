package win.pvdify.engine;

import java.util.List;

/**
 * The ordered steps of one reconcile. restoreRoute is what the executor pushes when a later step fails after
 * traffic was switched (the route the app had before); null when the plan never switches.
 */
public record Plan(List<Step> steps, Step.SwitchTraffic restoreRoute) {
    public Plan {
        steps = List.copyOf(steps);
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        steps.forEach(step -> text.append(step.describe()).append('\n'));
        return text.toString();
    }
}
