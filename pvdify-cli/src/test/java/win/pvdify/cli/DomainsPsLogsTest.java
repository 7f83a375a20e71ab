package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import win.pvdify.Daemon;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Domain;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Processes;
import win.pvdify.fakes.FakeCloudflare;

/** domains, ps and logs against the real daemon, with Cloudflare faked at its API (FakeCloudflare). */
class DomainsPsLogsTest extends WithRealDaemon {
    private final FakeCloudflare cloudflare = new FakeCloudflare(CLOUDFLARE_TOKEN).start(0);

    {
        cloudflare.addZone("example.com");
    }

    @Override
    Consumer<Daemon.Builder> wiring() {
        return cloudflare(cloudflare);
    }

    @AfterEach
    void stopCloudflare() {
        cloudflare.close();
    }

    @Test
    void domainsAddListRemove() throws Exception {
        CliRun.Result add = cli.run("domains:add", "my-app", "app.example.com", "--cloudflare", "--proxied");
        assertEquals(0, add.code(), add.toString());
        assertEquals(List.of("CNAME app.example.com -> my-app.pvdify.localhost (proxied)"), cloudflare.recordLines());
        assertEquals(0, cli.run("domains:add", "-a", "my-app", "www.example.com").code());

        CliRun.Result list = cli.run("domains", "my-app");
        assertTrue(list.out().startsWith("=== my-app Default Domain\nmy-app.pvdify.localhost\n\n"
                + "=== my-app Custom Domains\n"), list.out());
        assertTrue(list.out().contains("app.example.com  Cloudflare CNAME (proxied)"), list.out());
        assertTrue(list.out().contains("www.example.com  manual: CNAME to my-app.pvdify.localhost"), list.out());
        List<Domain> json = new ApiJson().read(cli.run("domains", "my-app", "--json").out(), ApiJson.listOf(Domain.class));
        assertEquals(3, json.size());

        assertEquals(0, cli.run("domains:remove", "my-app", "www.example.com").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("domains:remove", "my-app", "www.example.com").code());
        assertEquals(ExitCodes.USAGE, cli.run("domains:add", "my-app", "x.example.com", "--proxied").code());
        assertEquals(2, daemon.admin().domains("my-app").size());
    }

    @Test
    void scaleValidatesLocallyAndShowsTheFormation() throws Exception {
        daemon.admin().deploy("my-app", new DeployRequest("nginx:1.27", null));
        CliRun.Result r = cli.run("ps:scale", "my-app", "web=2", "worker=1");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Scaling dynos on my-app...\n-----> Starting dynos: Bringing dynos in line with the formation\n"
                + "Done, now running web at 2, worker at 1\n", r.out());
        assertEquals(List.of(new FormationEntry("web", 2, null), new FormationEntry("worker", 1, null)),
                formation());

        for (String bad : List.of("web", "web=x", "web=-1", "Web=1", "web=101", "=3")) {
            assertEquals(ExitCodes.USAGE, cli.run("ps:scale", "my-app", bad).code(), bad);
        }
        assertEquals(1, daemon.admin().operations("my-app", 100).stream().filter(o -> o.kind().equals("scale"))
                .count(), "only the valid scale reached the server");

        runtime.recording.dynos = List.of(dyno("web", 1), dyno("web", 2), dyno("worker", 1));
        CliRun.Result ps = cli.run("ps", "my-app");
        assertTrue(ps.out().startsWith("=== web (2)\n"), ps.out());
        assertTrue(ps.out().contains("web.1  up     healthy  v1       30001  1h  0         0.5%  64 MiB"), ps.out());
        assertTrue(ps.out().contains("worker.1  up             v1"), ps.out());
        assertEquals(3, new ApiJson().read(cli.run("ps", "my-app", "--json").out(), Processes.class)
                .dynos().size());
    }

    private List<FormationEntry> formation() {
        return daemon.admin().ps("my-app").formation().stream()
                .map(e -> new FormationEntry(e.type(), e.count(), null)).toList();
    }

    private static Dyno dyno(String type, int n) {
        return new Dyno(type + "." + n, type, n, 1, "up", 30000 + n, T0, 3600L, 0, 0.5, 64L * 1024 * 1024,
                type.equals("web") ? Dyno.Health.HEALTHY.wire() : null);
    }

    @Test
    void restartAllOrOneType() {
        daemon.admin().deploy("my-app", new DeployRequest("nginx:1.27", null));
        assertEquals(0, cli.run("ps:restart", "my-app").code());
        assertEquals(0, cli.run("ps:restart", "my-app", "web").code());
        assertEquals(List.of("restart my-app null", "restart my-app web"),
                runtime.recording.calls.stream().filter(c -> c.startsWith("restart ")).toList());
    }

    @Test
    void logsPassLinesAndProcessAndEscapeControlCharacters() {
        runtime.recording.logLines = List.of("2026-01-15T10:30:00.000000+00:00 app[web.1]: hello\u001b[2J",
                "second\tline");
        CliRun.Result r = cli.run("logs", "my-app", "-n", "5", "-p", "web");
        assertEquals(0, r.code(), r.toString());
        assertEquals("2026-01-15T10:30:00.000000+00:00 app[web.1]: hello\\u001b[2J\nsecond\tline\n", r.out());
        assertEquals(List.of("logs my-app 5 web false"), runtime.recording.calls);

        runtime.recording.logLines = List.of("one", "two\nthree");
        CliRun.Result j = cli.run("logs", "my-app", "--json", "-p", "web");
        assertEquals("[ \"one\", \"two\", \"three\" ]\n", j.out(), j.toString());
        assertEquals(ExitCodes.USAGE, cli.run("logs", "my-app", "--json", "-f").code());
    }

    /**
     * A stub server, not the daemon: pvdifyd never ends a follow stream while the app exists, and a proxy that
     * cuts after N bytes cannot cut it exactly after a given line. This stub ends each follow stream after its
     * lines (a drop) and records what the CLI asked for on each connection.
     */
    @Test
    void followReconnectsOnceAndSkipsWhatItAlreadyShowed() throws IOException {
        List<List<String>> batches = List.of(List.of("a", "b", "c"), List.of("b", "c", "d", "e"));
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/api/v1/apps/my-app/logs", ex -> {
            int n = queries.size();
            queries.add(ex.getRequestURI().getRawQuery());
            List<String> lines = n < batches.size() ? batches.get(n) : List.of();
            byte[] body = lines.stream().map(l -> l + "\n").reduce("", String::concat).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        try {
            CliRun.Result r = cliAt("http://127.0.0.1:" + stub.getAddress().getPort()).run("logs", "my-app", "-f");
            assertEquals(0, r.code(), r.toString());
            assertEquals("a\nb\nc\nd\ne\n", r.out());
            assertTrue(r.err().contains("reconnecting"), r.err());
            assertEquals(List.of("lines=100&follow=true", "lines=" + LogsCommand.OVERLAP + "&follow=true"), queries);
        } finally {
            stub.stop(0);
        }
    }
}
