package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.util.List;

/** GET /status: overall state plus each check. */
@Json(naming = Json.Naming.LowerUnderscore)
public record SystemStatus(String state, String version, String supervisor, List<StatusCheck> checks) {
}
