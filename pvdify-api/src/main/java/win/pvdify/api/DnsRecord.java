package win.pvdify.api;

/** A DNS record of a Cloudflare zone. */
public record DnsRecord(String id, String type, String name, String content, Boolean proxied) {
}
