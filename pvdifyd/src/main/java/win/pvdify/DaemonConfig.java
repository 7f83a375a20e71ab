package win.pvdify;

import java.nio.file.Path;

/**
 * Everything pvdifyd is told at start (see DaemonConfigLoader for where each value comes from).
 * keysetPath null = <dataDir>/keyset.json. cloudflareToken null = no Cloudflare. limits: see {@link Limits}.
 */
public record DaemonConfig(
        String host,
        int port,
        Path dataDir,
        Path keysetPath,
        String baseDomain,
        String podmanSocket,
        String caddyAdminUrl,
        String caddyServerName,
        String cloudflareToken,
        String cloudflareBaseUrl,
        PortRange portRange,
        Path envDir,
        Path unitDir,
        String supervisor,
        long maxBodyBytes,
        boolean dev,
        Limits limits,
        IsolationSettings isolation,
        win.pvdify.addon.AddonSettings addons) {

    /**
     * Quotas, so one token cannot exhaust the host: log follows open at once per token, preview apps per deploy or
     * preview token (each takes a port and disk), image pulls at once, the largest image a deploy may use, and
     * what one build from source may use (max_source_bytes, build_timeout, build_memory_mb, build_cpus).
     */
    public record Limits(int followsPerToken, int previewsPerToken, int concurrentPulls, long maxImageBytes,
                         win.pvdify.build.BuildLimits builds) {
        /** With the default build limits. */
        public Limits(int followsPerToken, int previewsPerToken, int concurrentPulls, long maxImageBytes) {
            this(followsPerToken, previewsPerToken, concurrentPulls, maxImageBytes,
                    win.pvdify.build.BuildLimits.defaults());
        }
    }

    /** Host ports handed to web dynos. */
    public record PortRange(int first, int last) {
        public static PortRange parse(String text) {
            String[] p = text.trim().split("-");
            if (p.length != 2) {
                throw new IllegalArgumentException("port range must look like 20000-29999: " + text);
            }
            int a = Integer.parseInt(p[0].trim());
            int b = Integer.parseInt(p[1].trim());
            if (a < 1 || b > 65535 || a > b) {
                throw new IllegalArgumentException("port range must be within 1-65535, first <= last: " + text);
            }
            return new PortRange(a, b);
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    public DaemonConfig withLimits(Limits l) {
        return new DaemonConfig(host, port, dataDir, keysetPath, baseDomain, podmanSocket, caddyAdminUrl,
                caddyServerName, cloudflareToken, cloudflareBaseUrl, portRange, envDir, unitDir, supervisor,
                maxBodyBytes, dev, l, isolation, addons);
    }

    public Path databaseFile() {
        return dataDir.resolve("pvdify.db");
    }

    public Path keysetFile() {
        return keysetPath != null ? keysetPath : dataDir.resolve("keyset.json");
    }

    public Path adminTokenFile() {
        return dataDir.resolve("admin-token");
    }

    /** A config for tests: everything under dataDir, port 0 (any free port). */
    public static DaemonConfig forTests(Path dataDir) {
        return DaemonConfigLoader.load(new String[] {"--dev", "--port", "0", "--data-dir", dataDir.toString()},
                java.util.Map.of());
    }
}
