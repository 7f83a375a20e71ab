package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * How a new web dyno proves it is ready. path null = "the port accepts connections".
 * interval/timeout in seconds; retries = consecutive failures before the dyno counts as unhealthy.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Healthcheck(String path, Integer interval, Integer timeout, Integer retries) {
}
