package win.pvdify.api;

import io.avaje.jsonb.Json;

/** Every error answer of the API: {"error": "...", "id": "<request id>"}. */
@Json(naming = Json.Naming.LowerUnderscore)
public record ApiError(String error, String id) {
}
