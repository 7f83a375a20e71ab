package win.pvdify.api;

/**
 * GET /apps/{name}/checks: the deploy health check as configured (null fields = not set) and as it runs
 * (effective: the defaults filled in), side by side like Dokku's checks:report.
 */
public record HealthcheckReport(String app, Healthcheck configured, Healthcheck effective) {
}
