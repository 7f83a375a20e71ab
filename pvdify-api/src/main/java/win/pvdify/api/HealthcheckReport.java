package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * GET /apps/{name}/checks: the deploy health check as configured (null fields = not set), as the current
 * release's app.json declares it (appJson: web's startup check; null = none) and as it runs (effective:
 * configured over app.json over the defaults), side by side like Dokku's checks:report.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record HealthcheckReport(String app, Healthcheck configured, Healthcheck effective, Healthcheck appJson) {

    /** Without an app.json check. */
    public HealthcheckReport(String app, Healthcheck configured, Healthcheck effective) {
        this(app, configured, effective, null);
    }
}
