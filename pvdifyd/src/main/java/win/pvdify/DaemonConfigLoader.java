package win.pvdify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the DaemonConfig: defaults < config file (/etc/pvdify/pvdifyd.yaml, or --config / PVDIFY_CONFIG;
 * YAML or key=value properties) < PVDIFY_* environment < command-line flags. One key name everywhere:
 * file `data_dir`, env `PVDIFY_DATA_DIR`, flag `--data-dir`.
 */
public final class DaemonConfigLoader {
    public static final Path DEFAULT_FILE = Path.of("/etc/pvdify/pvdifyd.yaml");
    static final List<String> KEYS = List.of("host", "port", "data_dir", "keyset_path", "base_domain",
            "podman_socket", "caddy_admin_url", "caddy_server_name", "cloudflare_token", "cloudflare_base_url",
            "port_range", "env_dir", "unit_dir", "supervisor", "max_body_bytes", "max_follows_per_token",
            "max_previews_per_token", "max_concurrent_pulls", "max_image_bytes", "env_shim", "network_prefix",
            "network_pool", "firewall_table", "firewall_host_ports", "dyno_userns", "dyno_pids_limit",
            "dyno_memory_mb", "dyno_cap_add", "max_source_bytes", "build_timeout", "build_memory_mb", "build_cpus",
            "static_base_image", "addon_postgres_image", "addon_redis_image");
    private static final Set<String> SUPERVISORS = Set.of("auto", "systemd", "podman");
    /** The value that turns an isolation setting off. */
    static final String OFF = "off";

    private DaemonConfigLoader() {
    }

    /** Thrown for a bad flag, file or value: the message is for the operator. */
    public static final class BadConfig extends RuntimeException {
        public BadConfig(String message) {
            super(message);
        }
    }

    public static DaemonConfig load(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        boolean dev = false;
        String configFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--dev")) {
                dev = true;
                continue;
            }
            if (!a.startsWith("--")) {
                throw new BadConfig("unexpected argument: " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new BadConfig("--" + name + " needs a value");
                }
                value = args[++i];
            }
            String key = name.replace('-', '_');
            if (key.equals("config")) {
                configFile = value;
            } else if (KEYS.contains(key)) {
                flags.put(key, value);
            } else {
                throw new BadConfig("unknown option --" + name + " (known: --config, --dev, "
                        + String.join(", ", KEYS.stream().map(k -> "--" + k.replace('_', '-')).toList()) + ")");
            }
        }
        if (configFile == null) {
            configFile = env.get("PVDIFY_CONFIG");
        }
        Map<String, String> values = defaults(dev);
        // --dev never reads the system-wide file: a dev daemon must not pick up a real host's settings.
        Path file = configFile != null ? Path.of(configFile) : dev ? null : DEFAULT_FILE;
        if (file != null && Files.exists(file)) {
            values.putAll(readFile(file));
        } else if (configFile != null) {
            throw new BadConfig("config file " + file + " does not exist");
        }
        // the names the spec and CloudflareHttp use
        if (env.get("CLOUDFLARE_API_TOKEN") != null) {
            values.put("cloudflare_token", env.get("CLOUDFLARE_API_TOKEN"));
        }
        if (env.get("CLOUDFLARE_API_BASE_URL") != null) {
            values.put("cloudflare_base_url", env.get("CLOUDFLARE_API_BASE_URL"));
        }
        for (String k : KEYS) {
            String v = env.get("PVDIFY_" + k.toUpperCase(Locale.ROOT));
            if (v != null) {
                values.put(k, v);
            }
        }
        if ("true".equalsIgnoreCase(env.get("PVDIFY_DEV"))) {
            dev = true;
        }
        values.putAll(flags);
        return build(values, dev);
    }

    private static Map<String, String> defaults(boolean dev) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "127.0.0.1");
        d.put("port", "9443");
        d.put("data_dir", dev ? ".pvdify-dev" : "/var/lib/pvdify");
        // *.localhost is loopback for curl and browsers, so a fresh install's apps answer on the host itself
        d.put("base_domain", "pvdify.localhost");
        d.put("podman_socket", "/run/podman/podman.sock");
        d.put("caddy_admin_url", "http://127.0.0.1:2019");
        d.put("caddy_server_name", "srv0"); // Caddy 2.6 names Caddyfile servers srv0, srv1...; the example has one
        d.put("cloudflare_base_url", "https://api.cloudflare.com/client/v4");
        d.put("port_range", "20000-29999");
        d.put("env_dir", "/run/pvdify/env");
        d.put("unit_dir", "/etc/systemd/system");
        d.put("supervisor", "auto");
        d.put("max_body_bytes", Long.toString(1024 * 1024));
        d.put("max_follows_per_token", "10");
        d.put("max_previews_per_token", "10");
        d.put("max_concurrent_pulls", "2");
        d.put("max_image_bytes", Long.toString(10L * 1024 * 1024 * 1024));
        win.pvdify.build.BuildLimits builds = win.pvdify.build.BuildLimits.defaults();
        d.put("max_source_bytes", Long.toString(builds.maxSourceBytes()));
        d.put("build_timeout", Long.toString(builds.timeout().toSeconds()));
        d.put("build_memory_mb", Long.toString(builds.memoryBytes() >> 20));
        d.put("build_cpus", Double.toString(builds.cpus()));
        d.put("static_base_image", builds.staticBaseImage());
        d.put("env_shim", "/usr/lib/pvdify/pvdify-env-shim");
        // Networks and firewall change host-wide state (CNI configs, nftables): a --dev daemon asks for them.
        d.put("network_prefix", dev ? OFF : "pvdify-");
        d.put("network_pool", "10.213.0.0/16");
        d.put("firewall_table", dev ? OFF : "pvdify");
        d.put("firewall_host_ports", "80,443");
        // auto works (IsolationScenarioIT) but Podman 4.3.1 misbehaves with it under load (README): opt-in for now
        d.put("dyno_userns", "host");
        d.put("dyno_pids_limit", "4096");
        d.put("dyno_memory_mb", "512");
        d.put("dyno_cap_add", "");
        d.put("addon_postgres_image", win.pvdify.addon.AddonSettings.DEFAULTS.postgresImage());
        d.put("addon_redis_image", win.pvdify.addon.AddonSettings.DEFAULTS.redisImage());
        return d;
    }

    private static Map<String, String> readFile(Path file) {
        try {
            String text = Files.readString(file);
            Map<String, String> out = new LinkedHashMap<>();
            if (file.toString().endsWith(".properties")) {
                java.util.Properties p = new java.util.Properties();
                p.load(new java.io.StringReader(text));
                p.forEach((k, v) -> out.put(key(k.toString(), file), v.toString()));
                return out;
            }
            if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
                return out; // the installed template holds only comments: no settings, not an error
            }
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
            if (tree == null) {
                return out;
            }
            if (!(tree instanceof Map<?, ?> map)) {
                throw new BadConfig(file + ": expected key: value lines");
            }
            map.forEach((k, v) -> {
                if (v instanceof Map || v instanceof List) {
                    throw new BadConfig(file + ": " + k + " must be a plain value");
                }
                out.put(key(String.valueOf(k), file), v == null ? null : String.valueOf(v));
            });
            out.values().removeIf(java.util.Objects::isNull);
            return out;
        } catch (IOException e) {
            throw new BadConfig("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String key(String k, Path file) {
        String key = k.trim().replace('-', '_').toLowerCase(Locale.ROOT);
        if (!KEYS.contains(key)) {
            throw new BadConfig(file + ": unknown key " + k);
        }
        return key;
    }

    private static DaemonConfig build(Map<String, String> v, boolean dev) {
        try {
            int port = Integer.parseInt(v.get("port").trim());
            if (port < 0 || port > 65535) {
                throw new BadConfig("port must be 0-65535");
            }
            String supervisor = v.get("supervisor").trim();
            if (!SUPERVISORS.contains(supervisor)) {
                throw new BadConfig("supervisor must be auto, systemd or podman");
            }
            long maxBody = Long.parseLong(v.get("max_body_bytes").trim());
            if (maxBody < 1024) {
                throw new BadConfig("max_body_bytes must be at least 1024");
            }
            String base = v.get("base_domain").trim().toLowerCase(Locale.ROOT);
            if (win.pvdify.names.Hostname.problem(base) != null && !base.equals("localhost")) {
                throw new BadConfig("base_domain: " + win.pvdify.names.Hostname.problem(base));
            }
            return new DaemonConfig(v.get("host"), port, Path.of(v.get("data_dir")).toAbsolutePath(),
                    v.get("keyset_path") == null ? null : Path.of(v.get("keyset_path")).toAbsolutePath(), base,
                    v.get("podman_socket"), v.get("caddy_admin_url"), v.get("caddy_server_name"),
                    blankToNull(v.get("cloudflare_token")), v.get("cloudflare_base_url"),
                    DaemonConfig.PortRange.parse(v.get("port_range")), Path.of(v.get("env_dir")),
                    Path.of(v.get("unit_dir")), supervisor, maxBody, dev, limits(v), isolation(v),
                    new win.pvdify.addon.AddonSettings(v.get("addon_postgres_image").trim(),
                            v.get("addon_redis_image").trim()));
        } catch (IllegalArgumentException e) {
            throw new BadConfig(e.getMessage());
        }
    }

    private static DaemonConfig.Limits limits(Map<String, String> v) {
        return new DaemonConfig.Limits((int) atLeast(v, "max_follows_per_token", 1),
                (int) atLeast(v, "max_previews_per_token", 0), (int) atLeast(v, "max_concurrent_pulls", 1),
                atLeast(v, "max_image_bytes", 1024 * 1024), buildLimits(v));
    }

    /** Builds from source: upload size (bytes), time (seconds), memory (MiB, 0 = none), CPUs (0 = none). */
    private static win.pvdify.build.BuildLimits buildLimits(Map<String, String> v) {
        long source = range(v, "max_source_bytes", 1024, 64L << 30);
        long timeout = range(v, "build_timeout", 10, 24 * 3600);
        long memory = range(v, "build_memory_mb", 0, 1L << 20);
        double cpus;
        try {
            cpus = Double.parseDouble(v.get("build_cpus").trim());
        } catch (NumberFormatException e) {
            throw new BadConfig("build_cpus must be a number, not '" + v.get("build_cpus") + "'");
        }
        if (!(cpus >= 0 && cpus <= 1024)) {
            throw new BadConfig("build_cpus must be between 0 (no limit) and 1024");
        }
        String base = v.get("static_base_image").trim();
        if (!win.pvdify.names.ImageReference.isValid(base)) {
            throw new BadConfig("static_base_image is not an image reference: " + base);
        }
        return new win.pvdify.build.BuildLimits(memory << 20, cpus, java.time.Duration.ofSeconds(timeout), source,
                base);
    }

    private static long range(Map<String, String> v, String key, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new BadConfig(key + " must be a number, not '" + v.get(key) + "'");
        }
        if (n < min || n > max) {
            throw new BadConfig(key + " must be between " + min + " and " + max);
        }
        return n;
    }

    private static long atLeast(Map<String, String> v, String key, long min) {
        long n;
        try {
            n = Long.parseLong(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new BadConfig(key + " must be a number, not '" + v.get(key) + "'");
        }
        if (n < min || (!key.equals("max_image_bytes") && n > 100_000)) {
            throw new BadConfig(key + " must be at least " + min + (key.equals("max_image_bytes") ? "" : " and at most 100000"));
        }
        return n;
    }

    private static IsolationSettings isolation(Map<String, String> v) {
        String pool = v.get("network_pool").trim();
        win.pvdify.podman.SubnetPool.parse(pool); // refused here, not at the first deploy
        List<Integer> ports = new java.util.ArrayList<>();
        for (String p : v.get("firewall_host_ports").split(",")) {
            if (!p.isBlank()) {
                int port = Integer.parseInt(p.trim());
                if (port < 1 || port > 65535) {
                    throw new BadConfig("firewall_host_ports: not a port: " + p.trim());
                }
                ports.add(port);
            }
        }
        List<String> caps = new java.util.ArrayList<>();
        for (String c : v.get("dyno_cap_add").split(",")) {
            if (!c.isBlank()) {
                String cap = c.trim().toUpperCase(Locale.ROOT);
                caps.add(cap.startsWith("CAP_") ? cap : "CAP_" + cap);
            }
        }
        IsolationSettings s = new IsolationSettings(offToNull(v.get("env_shim")) == null ? null
                : Path.of(v.get("env_shim").trim()), offToNull(v.get("network_prefix")), pool,
                offToNull(v.get("firewall_table")), ports, offToNull(v.get("dyno_userns")),
                offToNull(v.get("dyno_pids_limit")) == null ? null : Integer.valueOf(v.get("dyno_pids_limit").trim()),
                offToNull(v.get("dyno_memory_mb")) == null ? null : Integer.valueOf(v.get("dyno_memory_mb").trim()),
                caps);
        s.dynos(); // validates prefix, caps, userns and limits
        if (s.firewallTable() != null) {
            win.pvdify.firewall.NftRules.render(s.firewallTable(), pool, ports);
        }
        return s;
    }

    private static String offToNull(String s) {
        return s == null || s.isBlank() || s.trim().equalsIgnoreCase(OFF) || s.trim().equalsIgnoreCase("host")
                ? null : s.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
