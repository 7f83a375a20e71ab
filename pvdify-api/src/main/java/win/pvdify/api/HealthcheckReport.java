package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * GET /apps/{name}/checks: the deploy health check as configured (null fields = not set) and as it runs
 * (effective: the defaults filled in), side by side like Dokku's checks:report.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record HealthcheckReport(String app, Healthcheck configured, Healthcheck effective) {
}
