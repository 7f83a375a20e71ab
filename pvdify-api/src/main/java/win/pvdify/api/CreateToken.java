package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /tokens (admin only). kind: deploy or preview (app required), or admin. */
@Json(naming = Json.Naming.LowerUnderscore)
public record CreateToken(String kind, String app, String description) {
}
