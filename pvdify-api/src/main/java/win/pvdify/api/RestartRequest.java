package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /apps/{name}/ps/restart. type null = every process type. */
@Json(naming = Json.Naming.LowerUnderscore)
public record RestartRequest(String type) {
}
