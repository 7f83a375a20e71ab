package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * A scheduled (cron) job of an app: GET /apps/{name}/cron lists them, POST /apps/{name}/cron adds or changes one
 * (name, schedule, command, policy; the rest is ignored there).
 *
 * <ul>
 * <li>schedule: five crontab fields ("*&#47;15 * * * *") or a macro (@hourly, @daily, @weekly, @monthly, @yearly)</li>
 * <li>command: one line, split into words like a Procfile command (quotes group; no shell)</li>
 * <li>policy: forbid (default: a firing while a run goes on is skipped), replace (the running one is stopped),
 * allow (runs overlap)</li>
 * <li>process: how its runs show in `pvdify logs` ("cron.3"); source: "app.json" or "cli"</li>
 * <li>running: runs going on now; last_exit_status: null while unknown or running</li>
 * </ul>
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record ScheduledJob(String name, String schedule, String command, String policy, Integer number,
                           String process, String source, Integer running, Instant lastRunAt,
                           Integer lastExitStatus, Instant nextRunAt) {

    /** A request to add or change a job. */
    public static ScheduledJob request(String name, String schedule, String command, String policy) {
        return new ScheduledJob(name, schedule, command, policy, null, null, null, null, null, null, null);
    }
}
