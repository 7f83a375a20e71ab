package win.pvdify.addon;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an add-on runs: the image's port, where its data lives, the config var an attachment sets by default,
 * the URL scheme and the versions Pvdify accepts (the image tag).
 */
public enum AddonKind {
    POSTGRES(5432, "/var/lib/postgresql/data", "DATABASE", "postgres", List.of("13", "14", "15", "16", "17")),
    REDIS(6379, "/data", "REDIS", "redis", List.of("6", "7"));

    private final int port;
    private final String dataDir;
    private final String varPrefix;
    private final String scheme;
    private final List<String> versions;

    AddonKind(int port, String dataDir, String varPrefix, String scheme, List<String> versions) {
        this.port = port;
        this.dataDir = dataDir;
        this.varPrefix = varPrefix;
        this.scheme = scheme;
        this.versions = versions;
    }

    public int port() {
        return port;
    }

    public String dataDir() {
        return dataDir;
    }

    /** DATABASE_URL / REDIS_URL: what the first attachment of this kind to an app sets. */
    public String defaultVar() {
        return varPrefix + "_URL";
    }

    public String scheme() {
        return scheme;
    }

    public List<String> versions() {
        return versions;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** postgres (also postgresql, heroku-postgresql) or redis (also heroku-redis). */
    public static Optional<AddonKind> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql", "heroku-postgresql" -> Optional.of(POSTGRES);
            case "redis", "heroku-redis" -> Optional.of(REDIS);
            default -> Optional.empty();
        };
    }
}
