package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * POST /apps/{name}/ps/stop: stop one dyno ("web.1") or every dyno of a type ("web"); the platform starts fresh ones
 * in their place (Heroku's ps:stop). force: no drain and no stop timeout (killed at once: requests in flight drop).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record StopRequest(String dyno, Boolean force) {
}
