package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.util.Map;

/**
 * GET/PUT /apps/{name}/config answer: the app's config vars at a config version, and the release that
 * the change made (null when nothing changed).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record ConfigVars(int configVersion, Map<String, String> vars, Release release) {
}
