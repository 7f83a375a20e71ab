package win.pvdify.api;

import io.avaje.jsonb.Json;

/** GET /health. */
@Json(naming = Json.Naming.LowerUnderscore)
public record Health(String status, String version) {
}
