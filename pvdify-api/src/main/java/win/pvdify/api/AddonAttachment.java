package win.pvdify.api;

import io.avaje.jsonb.Json;

/** An app using an add-on: the config var holding its URL and the URL with the password masked. */
@Json(naming = Json.Naming.LowerUnderscore)
public record AddonAttachment(String app, String var, String url) {
}
