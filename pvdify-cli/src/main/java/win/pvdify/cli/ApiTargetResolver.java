package win.pvdify.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Picks the API URL and token. Precedence: flag, then environment (PVDIFY_API_URL, PVDIFY_TOKEN), then the
 * `pvdify login` file, then the local daemon's admin token file with http://127.0.0.1:9443.
 * A stored token goes only to the URL it was stored for, and the admin token only to a loopback URL,
 * so pointing the CLI elsewhere never sends a token there by accident.
 */
final class ApiTargetResolver {
    static final String DEFAULT_URL = "http://127.0.0.1:9443";

    private ApiTargetResolver() {
    }

    static ApiTarget resolve(String flagUrl, String flagToken, CliContext ctx) {
        Optional<Credentials> stored = CredentialsFile.of(ctx).read();
        String url = firstNonBlank(flagUrl, ctx.env("PVDIFY_API_URL"), stored.map(Credentials::apiUrl).orElse(null),
                DEFAULT_URL);
        url = normalise(url);
        if (notBlank(flagToken)) {
            return new ApiTarget(url, flagToken.strip(), "--token");
        }
        if (ctx.env("PVDIFY_TOKEN") != null) {
            return new ApiTarget(url, ctx.env("PVDIFY_TOKEN").strip(), "PVDIFY_TOKEN");
        }
        if (stored.isPresent() && notBlank(stored.get().token()) && stored.get().apiUrl() != null
                && normalise(stored.get().apiUrl()).equals(url)) {
            return new ApiTarget(url, stored.get().token(), "login file " + CredentialsFile.of(ctx).path());
        }
        if (isLoopback(url)) {
            Path file = adminTokenFile(ctx);
            String token = readToken(file);
            if (token != null) {
                return new ApiTarget(url, token, "admin token file " + file);
            }
        }
        return new ApiTarget(url, null, "none");
    }

    static Path adminTokenFile(CliContext ctx) {
        String dir = ctx.env("PVDIFY_DATA_DIR");
        return Path.of(dir != null ? dir : "/var/lib/pvdify").resolve("admin-token");
    }

    static String normalise(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        return u;
    }

    /** Checks the URL's shape so a typo is a clear usage error, not an exception deep in the HTTP client. */
    static void validate(String url) {
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw CliException.error("the API URL must look like http://HOST:PORT, got: " + Text.brief(url, 200));
            }
        } catch (IllegalArgumentException e) {
            throw CliException.error("the API URL must look like http://HOST:PORT, got: " + Text.brief(url, 200));
        }
    }

    /**
     * Whether the URL's host is a loopback IP literal (127.0.0.0/8 or ::1). Names never count, not even
     * `localhost`: 127.attacker.tld is a name anyone can point anywhere, and the admin token must not go there.
     */
    static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
                return true;
            }
            String[] octets = host.split("\\.", -1);
            if (octets.length != 4 || !octets[0].equals("127")) {
                return false;
            }
            for (String o : octets) {
                if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String readToken(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return null;
            }
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            return t.isEmpty() ? null : t;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (notBlank(v)) {
                return v;
            }
        }
        return null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
