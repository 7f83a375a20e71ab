package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * POST /addons/{name}/connect (pg:psql, redis:cli): app, an app the add-on is attached to; tty, a terminal. The
 * answer is an attached one-off run of that app with the add-on's client: attach to it as to `pvdify run`.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record ConnectAddon(String app, Boolean tty) {
}
