package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * POST /apps/{name}/addons: kind (postgres or redis; required), name (a DNS label; default APP-KIND), as (the
 * attachment name: the config var becomes AS_URL; default DATABASE_URL / REDIS_URL), version (default: the
 * configured image's tag).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record CreateAddon(String kind, String name, String as, String version) {
}
