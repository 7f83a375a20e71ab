package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /apps/{name}/domains. cloudflare: also create the CNAME (needs a configured token); proxied: orange cloud. */
@Json(naming = Json.Naming.LowerUnderscore)
public record AddDomain(String hostname, Boolean cloudflare, Boolean proxied) {
}
