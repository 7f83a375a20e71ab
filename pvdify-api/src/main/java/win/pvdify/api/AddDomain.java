package win.pvdify.api;

/** POST /apps/{name}/domains. cloudflare: also create the CNAME (needs a configured token); proxied: orange cloud. */
public record AddDomain(String hostname, Boolean cloudflare, Boolean proxied) {
}
