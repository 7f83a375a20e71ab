package win.pvdify.api;

import io.avaje.jsonb.Json;

/** A DNS record of a Cloudflare zone. */
@Json(naming = Json.Naming.LowerUnderscore)
public record DnsRecord(String id, String type, String name, String content, Boolean proxied) {
}
