package win.pvdify.api;

import io.avaje.jsonb.Json;

/** One line of GET /status: name (api, database, podman, systemd, caddy, cloudflare, disk), ok, detail. */
@Json(naming = Json.Naming.LowerUnderscore)
public record StatusCheck(String name, String state, String detail) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String DOWN = "down";
    public static final String NOT_CONFIGURED = "not_configured";
}
