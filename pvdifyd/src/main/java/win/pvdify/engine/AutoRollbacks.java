package win.pvdify.engine;

import java.util.List;

/** Where the liveness monitor sends a release that failed its settling window: the application layer. */
public interface AutoRollbacks {

    /**
     * Marks the release failed (reason and the dyno's last lines) and queues a rollback to the release before it;
     * returns what was done, for the log ("rolling back to v3"), or null when nothing could be (no earlier release,
     * another operation of the app is queued or running).
     */
    String rollBack(String app, int badRelease, String reason, List<String> lastLines);

    AutoRollbacks NONE = (app, badRelease, reason, lastLines) -> null;
}
