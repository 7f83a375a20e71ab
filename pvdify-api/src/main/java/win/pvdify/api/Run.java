package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;
import java.util.List;

/**
 * A one-off run (`pvdify run`): the release's image and config running a command outside the formation, named
 * like a dyno (name "run.3", number 3). attached: a client attaches to it through GET .../runs/{number}/attach
 * (a WebSocket); tty: with a pseudo-terminal. exitCode is set once it has ended; deadline is when pvdifyd stops
 * it (its --ttl). error says why it failed to start or who stopped it.
 *
 * <p>state: created (waiting for its client to attach), running, succeeded (exit 0), failed (exit code other than
 * 0, or it could not start), stopped (ps:stop, its deadline, or its client went away).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Run(
        String name,
        int number,
        String app,
        int release,
        List<String> command,
        boolean attached,
        boolean tty,
        String state,
        Integer exitCode,
        String error,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Instant deadline) {

    /** Where a run is. */
    public enum State implements WireValue {
        CREATED, RUNNING, SUCCEEDED, FAILED, STOPPED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED || this == STOPPED;
        }
    }
}
