package win.pvdify.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import win.pvdify.api.ApiJson;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.Domain;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Operation;
import win.pvdify.api.Processes;
import win.pvdify.api.Release;
import win.pvdify.api.ScheduledJob;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.SystemStatus;
import win.pvdify.api.Whoami;

/**
 * The build's training run for the JDK AOT cache (not a product command): runs the common read commands
 * against a canned in-process stub on a loopback port, so the classes they load are in the cache.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        ApiJson json = new ApiJson();
        Instant t = Instant.parse("2026-01-15T10:30:00Z");
        Release rel = new Release(1, "nginx:1.27", "sha256:0", 1, "current", "Deploy nginx:1.27", "admin", null, t);
        App app = new App("demo", "production", "running", "nginx:1.27", 1, 8080, null, null, false,
                "https://demo.example.com", List.of("demo.example.com"), t, t);
        Operation op = new Operation(1, "demo", "deploy", "succeeded", "Deploy nginx:1.27", "admin", 1, null, t, t, t);
        Map<String, Object> routes = new java.util.HashMap<>(Map.of(
                "/api/v1/apps/demo/operations", List.of(op),
                "/api/v1/operations/1", op,
                "/api/v1/apps", List.of(app),
                "/api/v1/apps/demo", app,
                "/api/v1/apps/demo/releases", List.of(rel),
                "/api/v1/apps/demo/config", new ConfigVars(1, Map.of("KEY", "value"), null),
                "/api/v1/apps/demo/domains", List.of(new Domain("demo.example.com", "default", null, null, t)),
                "/api/v1/apps/demo/ps", new Processes(List.of(new FormationEntry("web", 1, null)),
                        List.of(new Dyno("web.1", "web", 1, 1, "up", 5000, t, 60L, 0, 1.0, 1L << 20))),
                "/api/v1/whoami", new Whoami("admin", null, "t1"),
                "/api/v1/status", new SystemStatus("ok", "0", "systemd", List.of(new StatusCheck("api", "ok", "")))));
        routes.put("/api/v1/apps/demo/runs", List.of(new win.pvdify.api.Run("run.1", 1, "demo", 1, List.of("sh"), true,
                true, "running", null, null, "admin", t, t, null, t.plusSeconds(3600))));
        routes.put("/api/v1/apps/demo/cron", List.of(new ScheduledJob("nightly", "30 2 * * *", "bin/report", "forbid",
                1, "cron.1", "cli", 0, t, 0, t.plusSeconds(86_400))));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            Object body = routes.get(ex.getRequestURI().getPath());
            byte[] bytes = body == null ? "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8)
                    : json.write(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            Terminal none = new Terminal() {
                @Override
                public boolean interactive() {
                    return false;
                }

                @Override
                public String readLine(String prompt) {
                    return null;
                }

                @Override
                public String readSecret(String prompt) {
                    return null;
                }

                @Override
                public String readStdinLine() {
                    return null;
                }
            };
            CliContext ctx = new CliContext(Map.of("PVDIFY_API_URL", url, "PVDIFY_TOKEN", "training-token"), none,
                    sink, sink, Clock.systemUTC());
            String[][] runs = {
                {"--help"}, {"apps"}, {"apps", "--json"}, {"apps:info", "demo"}, {"releases", "demo"},
                {"config", "demo"}, {"domains", "demo"}, {"ps", "demo"}, {"whoami"}, {"status"},
                {"apps:info", "missing"}, {"operations", "demo"}, {"operations:info", "1"}, {"cron", "demo"}, {"apps", "--no-such-flag"}, {"apps:create"},
                {"run", "--help"}, {"run", "demo"}
            };
            for (String[] run : runs) {
                Cli.run(ctx, run);
            }
        } finally {
            server.stop(0);
        }
    }
}
