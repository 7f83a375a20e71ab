package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/** A hostname routed to an app. kind: default or custom. dnsRecordId set when Pvdify made the Cloudflare record. */
@Json(naming = Json.Naming.LowerUnderscore)
public record Domain(String hostname, String kind, String dnsRecordId, Boolean proxied, Instant createdAt) {

    /** default: the app's own name under the base domain, made with the app; custom: added by a user. */
    public enum Kind implements WireValue {
        DEFAULT, CUSTOM
    }
}
