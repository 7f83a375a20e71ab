package win.pvdify.store;

import java.time.Instant;
import java.util.List;
import win.pvdify.api.Run;

/** A one-off run as stored (see V5__runs.sql). */
public record StoredRun(String app, int number, int release, List<String> command, boolean attached, boolean tty,
                        Run.State state, Integer exitCode, String error, String createdBy, Instant createdAt,
                        Instant startedAt, Instant endedAt, Instant deadline) {

    /** "run.3": the name users see (ps, logs, ps:stop). */
    public String name() {
        return "run." + number;
    }
}
