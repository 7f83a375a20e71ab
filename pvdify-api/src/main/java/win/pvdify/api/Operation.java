package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * One change to an app, queued and run by pvdifyd whatever happens to the client that asked for it.
 * Mutating routes answer 202 with it (and Location: /api/v1/operations/{id}); GET /operations/{id}/events
 * streams its events.
 *
 * <ul>
 * <li>kind: deploy, rollback, config, scale, restart, domain_add, domain_remove, app_delete, maintenance,
 * cron_add, cron_remove, cron_run, build, addon_create, addon_attach, addon_detach, addon_destroy, addon_restart,
 * addon_backup, addon_restore</li>
 * <li>state: queued, running, succeeded, failed, cancelled (the last three are final)</li>
 * <li>release: the release it made, once recorded (deploy, rollback, config)</li>
 * <li>error: why it failed or who cancelled it</li>
 * </ul>
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Operation(
        long id,
        String app,
        String kind,
        String state,
        String description,
        String createdBy,
        Integer release,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt) {

    /** Whether the operation has ended (succeeded, failed or cancelled). */
    public boolean ended() {
        return State.ends(state);
    }

    /** Where an operation is: queued, running, then one of the three ends. */
    public enum State implements WireValue {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }

        /**
         * Whether a state or an event's stage, as read, is one of the three ends (the last event of an operation
         * has its final state as stage).
         */
        public static boolean ends(String wire) {
            return WireValue.fromWire(State.class, wire).map(State::ended).orElse(false);
        }
    }
}
