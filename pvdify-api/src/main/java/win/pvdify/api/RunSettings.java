package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * GET and PUT /apps/{name}/runs/settings. deployTokens: the app's deploy tokens may start one-off runs (false by
 * default: a run gets every config var of the app, so a leaked CI token would otherwise be a production shell).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record RunSettings(Boolean deployTokens) {
}
