package win.pvdify.admin;

import java.time.Duration;
import java.util.Map;

/**
 * How pvdify-admin runs: where it listens, which pvdifyd API it talks to, how long an idle session lives.
 * Flags win over environment variables, which win over the defaults.
 */
public record AdminSettings(String host, int port, String apiUrl, Duration sessionTimeout) {
    public static final String USAGE = """
            usage: pvdify-admin [--host HOST] [--port PORT] [--api-url URL] [--session-timeout MINUTES]
              --host             listen address (PVDIFY_ADMIN_HOST, default 127.0.0.1)
              --port             listen port (PVDIFY_ADMIN_PORT, default 9444; 0 = any free port)
              --api-url          pvdifyd base URL (PVDIFY_API_URL, default http://127.0.0.1:9443)
              --session-timeout  idle minutes before sign-out (PVDIFY_ADMIN_SESSION_MINUTES, default 30)
            """;

    /** Reads flags and environment; throws IllegalArgumentException with a readable message on bad input. */
    public static AdminSettings parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("PVDIFY_ADMIN_HOST", "127.0.0.1");
        String port = env.getOrDefault("PVDIFY_ADMIN_PORT", "9444");
        String api = env.getOrDefault("PVDIFY_API_URL", "http://127.0.0.1:9443");
        String minutes = env.getOrDefault("PVDIFY_ADMIN_SESSION_MINUTES", "30");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = value;
                case "--api-url" -> api = value;
                case "--session-timeout" -> minutes = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        int p = number(port, "port");
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (!api.startsWith("http://") && !api.startsWith("https://")) {
            throw new IllegalArgumentException("API URL must start with http:// or https://, got " + api);
        }
        int m = number(minutes, "session timeout");
        if (m < 1) {
            throw new IllegalArgumentException("session timeout must be at least 1 minute");
        }
        return new AdminSettings(host, p, api, Duration.ofMinutes(m));
    }

    private static int number(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got " + value);
        }
    }
}
