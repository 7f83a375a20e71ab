package win.pvdify.api;

/** A Cloudflare zone the configured token can edit. */
public record DnsZone(String id, String name, String status) {
}
