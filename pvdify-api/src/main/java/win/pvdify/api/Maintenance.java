package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * An app's maintenance mode (GET and PUT /apps/{name}/maintenance). While enabled, every host of the app answers
 * 503 with a small page showing message (plain text; null = a default text) and Retry-After: retryAfter seconds
 * (null = none); its dynos keep running and deploys go on underneath.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Maintenance(Boolean enabled, String message, Integer retryAfter) {
}
