package win.pvdify.status;

import win.pvdify.api.StatusCheck;

/** One line of GET /api/v1/status (podman, systemd, caddy, cloudflare, disk...). Must answer within seconds. */
public interface StatusProbe {
    StatusCheck check();
}
