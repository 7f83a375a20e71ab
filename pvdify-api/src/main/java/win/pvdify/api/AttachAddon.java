package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /addons/{name}/attachments: app (required) and as (the config var becomes AS_URL; default by kind). */
@Json(naming = Json.Naming.LowerUnderscore)
public record AttachAddon(String app, String as) {
}
