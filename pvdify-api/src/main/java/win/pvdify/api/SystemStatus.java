package win.pvdify.api;

import java.util.List;

/** GET /status: overall state plus each check. */
public record SystemStatus(String state, String version, String supervisor, List<StatusCheck> checks) {
}
