package win.pvdify.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A webhook URL, checked: http or https, a host, at most 2048 characters, no spaces or control characters, no
 * fragment, no user:password@ (a secret belongs in the encrypted secret field, not in clear in a URL), and not
 * pvdifyd's own API (loopback on its port, or the api.<base-domain> host Caddy forwards to it).
 *
 * <p>SSRF: webhooks are admin-only and may point at private addresses (a receiver on the LAN is a normal use).
 * Deliveries never follow redirects and show only the status code, never the receiver's body, so a webhook
 * cannot read internal services; it can only make blind POSTs.
 */
public record WebhookUrl(URI uri) {
    public static final int MAX_LENGTH = 2048;

    /** What is wrong with url for a daemon whose API listens on apiPort and is proxied as apiHosts; null if fine. */
    public static String problem(String url, int apiPort, Set<String> apiHosts) {
        if (url == null || url.isBlank()) {
            return "url is required";
        }
        if (url.length() > MAX_LENGTH) {
            return "url is longer than " + MAX_LENGTH + " characters";
        }
        if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return "url must not contain spaces or control characters";
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return "url is not a valid URL: " + e.getReason();
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "url must start with http:// or https://";
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            return "url needs a host name (http://HOST/...)";
        }
        if (u.getRawUserInfo() != null) {
            return "url must not carry credentials (user:password@): give a signing secret instead";
        }
        if (u.getRawFragment() != null) {
            return "url must not have a #fragment";
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        boolean local = host.equals("localhost") || host.endsWith(".localhost") && !apiHosts.contains(host)
                || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || host.equals("0.0.0.0") || host.equals("::");
        if (local && port == apiPort || apiHosts.contains(host)) {
            return "url must not point at pvdifyd's own API";
        }
        return null;
    }

    /** The URL as listings show it: scheme://host[:port]/... (its path and query may hold a secret). */
    public static String shown(String url) {
        URI u = URI.create(url);
        String rest = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                && u.getRawQuery() == null ? "/" : "/...";
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority() + rest;
    }
}
