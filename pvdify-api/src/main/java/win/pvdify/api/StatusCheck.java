package win.pvdify.api;

/** One line of GET /status: name (api, database, podman, systemd, caddy, cloudflare, disk), ok, detail. */
public record StatusCheck(String name, String state, String detail) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String DOWN = "down";
    public static final String NOT_CONFIGURED = "not_configured";
}
