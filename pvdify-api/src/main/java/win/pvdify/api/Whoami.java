package win.pvdify.api;

import io.avaje.jsonb.Json;

/** GET /whoami: what the caller's token may do. kind: admin or deploy; app set for deploy tokens. */
@Json(naming = Json.Naming.LowerUnderscore)
public record Whoami(String kind, String app, String tokenId) {
}
