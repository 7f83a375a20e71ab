package win.pvdify.appjson;

import win.pvdify.api.Healthcheck;

/**
 * app.json's startup check of web as Pvdify's deploy health check, and the layering of the three sources: a
 * setting configured with checks:set wins over app.json's, which wins over the default. Dokku's keys map as
 * path -> path, attempts -> attempts, timeout -> timeout, wait -> interval, initialDelay -> initial delay,
 * content -> body. Pure.
 */
public final class AppJsonChecks {
    private AppJsonChecks() {
    }

    /**
     * The checks app.json declares for web, or null: its first startup check is the deploy check; its first
     * liveness check turns liveness on, with Dokku's wait as the probe interval and attempts as the threshold
     * (the probe itself uses the app's one health check path).
     */
    public static Healthcheck deployCheck(AppJson appJson) {
        AppJson.Healthcheck h = appJson == null ? null : appJson.startupCheck("web");
        AppJson.Healthcheck live = appJson == null ? null : appJson.check("web", "liveness");
        if (h == null && live == null) {
            return null;
        }
        Healthcheck deploy = h == null ? new Healthcheck(null, null, null, null)
                : new Healthcheck(h.path(), h.waitSec() == null || h.waitSec() == 0 ? null : h.waitSec(), h.timeout(),
                        h.attempts(), null, h.content(), null, h.initialDelay(), null);
        if (live == null) {
            return deploy;
        }
        return deploy.withLiveness(true, live.waitSec() == null || live.waitSec() == 0 ? null : live.waitSec(),
                live.attempts(), null, null);
    }

    /** configured over app.json (each setting on its own); either may be null. */
    public static Healthcheck layered(Healthcheck configured, Healthcheck appJson) {
        if (appJson == null) {
            return configured;
        }
        if (configured == null) {
            return appJson;
        }
        return new Healthcheck(or(configured.path(), appJson.path()), or(configured.interval(), appJson.interval()),
                or(configured.timeout(), appJson.timeout()), or(configured.retries(), appJson.retries()),
                or(configured.status(), appJson.status()), or(configured.body(), appJson.body()),
                or(configured.host(), appJson.host()), or(configured.initialDelay(), appJson.initialDelay()),
                or(configured.deployTimeout(), appJson.deployTimeout()), or(configured.liveness(), appJson.liveness()),
                or(configured.livenessInterval(), appJson.livenessInterval()),
                or(configured.livenessThreshold(), appJson.livenessThreshold()),
                or(configured.autoRollback(), appJson.autoRollback()),
                or(configured.rollbackWindow(), appJson.rollbackWindow()));
    }

    /** The app.json stored with a release, parsed (null = none). */
    public static AppJson stored(String json) {
        return json == null ? null
                : AppJson.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }
}
