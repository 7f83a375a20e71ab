package win.pvdify.engine;

import java.util.List;

/**
 * A step of a plan failed; what it started has been removed and the route restored. reason is for the user;
 * logLines are the last lines of the dyno that failed (empty when no dyno was involved).
 */
public final class StepFailed extends RuntimeException {
    private final transient Step step;
    private final List<String> logLines;

    public StepFailed(Step step, String reason, List<String> logLines, Throwable cause) {
        super(reason, cause);
        this.step = step;
        this.logLines = List.copyOf(logLines);
    }

    public Step step() {
        return step;
    }

    public List<String> logLines() {
        return logLines;
    }

    /** The reason plus the dyno's last lines: what a failed release records. */
    public String report() {
        if (logLines.isEmpty()) {
            return getMessage();
        }
        return getMessage() + "\nlast log lines:\n" + String.join("\n", logLines);
    }
}
