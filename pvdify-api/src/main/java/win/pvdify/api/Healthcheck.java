package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * How a new web dyno proves it is ready at deploy time. Every field is optional (null = the default; GET
 * /apps/{name}/checks shows the effective values).
 * <ul>
 * <li>path: GET this path; null = "the port accepts connections" (a TCP check).</li>
 * <li>interval: seconds between attempts; timeout: seconds one attempt may take.</li>
 * <li>retries: failing answers in a row (attempts) before the dyno counts as unhealthy.</li>
 * <li>status: the expected status code or range, e.g. "200" or "200-399" (the default).</li>
 * <li>body: text the answer's body must contain.</li>
 * <li>host: the Host header to send (e.g. a custom domain the app checks for).</li>
 * <li>initialDelay: seconds to wait after the dyno started before the first attempt.</li>
 * <li>deployTimeout: seconds a new dyno may take to become healthy, all attempts included; a dyno that never
 * listens fails after it.</li>
 * <li>liveness: whether running web dynos are probed with the same check (default on); livenessInterval: seconds
 * between probes of one dyno; livenessThreshold: failed probes in a row before the dyno is taken out of the route
 * and restarted.</li>
 * <li>autoRollback: whether a release that crash-loops or fails liveness within rollbackWindow seconds of
 * becoming current is rolled back to the previous one by itself (default on).</li>
 * </ul>
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Healthcheck(String path, Integer interval, Integer timeout, Integer retries, String status,
                          String body, String host, Integer initialDelay, Integer deployTimeout, Boolean liveness,
                          Integer livenessInterval, Integer livenessThreshold, Boolean autoRollback,
                          Integer rollbackWindow) {

    /** The deploy-time settings; liveness and rollback unset. */
    public Healthcheck(String path, Integer interval, Integer timeout, Integer retries, String status,
                       String body, String host, Integer initialDelay, Integer deployTimeout) {
        this(path, interval, timeout, retries, status, body, host, initialDelay, deployTimeout, null, null, null, null,
                null);
    }

    /** The same deploy-time settings with these liveness and rollback settings. */
    public Healthcheck withLiveness(Boolean liveness, Integer livenessInterval, Integer livenessThreshold,
                                    Boolean autoRollback, Integer rollbackWindow) {
        return new Healthcheck(path, interval, timeout, retries, status, body, host, initialDelay, deployTimeout,
                liveness, livenessInterval, livenessThreshold, autoRollback, rollbackWindow);
    }

    /** The four settings of the first API version; the others unset. */
    public Healthcheck(String path, Integer interval, Integer timeout, Integer retries) {
        this(path, interval, timeout, retries, null, null, null, null, null);
    }
}
