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

    /** The deploy check app.json declares for web (its first startup check), or null. */
    public static Healthcheck deployCheck(AppJson appJson) {
        AppJson.Healthcheck h = appJson == null ? null : appJson.startupCheck("web");
        if (h == null) {
            return null;
        }
        return new Healthcheck(h.path(), h.waitSec() == null || h.waitSec() == 0 ? null : h.waitSec(), h.timeout(),
                h.attempts(), null, h.content(), null, h.initialDelay(), null);
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
                or(configured.deployTimeout(), appJson.deployTimeout()));
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
