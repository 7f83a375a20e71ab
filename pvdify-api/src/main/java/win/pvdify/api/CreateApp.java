package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /apps. environment: production (default) or staging. */
@Json(naming = Json.Naming.LowerUnderscore)
public record CreateApp(String name, String environment) {
}
