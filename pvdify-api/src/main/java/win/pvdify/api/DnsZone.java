package win.pvdify.api;

import io.avaje.jsonb.Json;

/** A Cloudflare zone the configured token can edit. */
@Json(naming = Json.Naming.LowerUnderscore)
public record DnsZone(String id, String name, String status) {
}
