package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Domain;
import win.pvdify.api.Processes;

class DomainsPsLogsTest extends WithFakeApi {
    @Test
    void domainsAddListRemove() throws Exception {
        CliRun.Result add = cli.run("domains:add", "my-app", "app.example.com", "--cloudflare", "--proxied");
        assertEquals(0, add.code(), add.toString());
        assertEquals("{\"hostname\":\"app.example.com\",\"cloudflare\":true,\"proxied\":true}",
                fake.requests("POST", "/api/v1/apps/my-app/domains").get(0).body());
        assertEquals(0, cli.run("domains:add", "-a", "my-app", "www.example.com").code());

        CliRun.Result list = cli.run("domains", "my-app");
        assertTrue(list.out().startsWith("=== my-app Default Domain\nmy-app.pvdify.test\n\n=== my-app Custom Domains\n"),
                list.out());
        assertTrue(list.out().contains("app.example.com  Cloudflare CNAME (proxied)"), list.out());
        assertTrue(list.out().contains("www.example.com  manual: CNAME to my-app.pvdify.test"), list.out());
        List<Domain> json = new ApiJson().read(cli.run("domains", "my-app", "--json").out(),
                ApiJson.listOf(Domain.class));
        assertEquals(3, json.size());

        assertEquals(0, cli.run("domains:remove", "my-app", "www.example.com").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("domains:remove", "my-app", "www.example.com").code());
        assertEquals(ExitCodes.USAGE, cli.run("domains:add", "my-app", "x.example.com", "--proxied").code());
    }

    @Test
    void scaleValidatesLocallyAndShowsTheFormation() throws Exception {
        CliRun.Result r = cli.run("ps:scale", "my-app", "web=2", "worker=1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Scaling dynos on my-app...\n-----> Starting dynos: web.1 up\nDone, now running web at 2, worker at 1\n"), r.out());
        assertEquals("{\"updates\":[{\"type\":\"web\",\"count\":2},{\"type\":\"worker\",\"count\":1}]}",
                fake.requests("POST", "/api/v1/apps/my-app/ps/scale").get(0).body());

        for (String bad : List.of("web", "web=x", "web=-1", "Web=1", "web=101", "=3")) {
            assertEquals(ExitCodes.USAGE, cli.run("ps:scale", "my-app", bad).code(), bad);
        }
        assertEquals(1, fake.requests("POST", "/api/v1/apps/my-app/ps/scale").size());

        CliRun.Result ps = cli.run("ps", "my-app");
        assertTrue(ps.out().startsWith("=== web (2)\n"), ps.out());
        assertTrue(ps.out().contains("web.1  up     v1       30001  1h  0         0.5%  64 MiB"), ps.out());
        assertEquals(3, new ApiJson().read(cli.run("ps", "my-app", "--json").out(), Processes.class)
                .dynos().size());
    }

    @Test
    void restartAllOrOneType() {
        assertEquals(0, cli.run("ps:restart", "my-app").code());
        assertEquals(0, cli.run("ps:restart", "my-app", "web").code());
        List<FakePvdifyd.Request> rs = fake.requests("POST", "/api/v1/apps/my-app/ps/restart");
        assertEquals("{}", rs.get(0).body());
        assertEquals("{\"type\":\"web\"}", rs.get(1).body());
    }

    @Test
    void logsPassLinesAndProcessAndEscapeControlCharacters() {
        fake.logBatches.add(List.of("2026-01-15T10:30:00.000000+00:00 app[web.1]: hello\u001b[2J", "second\tline"));
        CliRun.Result r = cli.run("logs", "my-app", "-n", "5", "-p", "web");
        assertEquals(0, r.code(), r.toString());
        assertEquals("2026-01-15T10:30:00.000000+00:00 app[web.1]: hello\\u001b[2J\nsecond\tline\n", r.out());
        assertEquals("lines=5&process=web", fake.requests("GET", "/api/v1/apps/my-app/logs").get(0).query());

        fake.logBatches.add(List.of("one", "two\nthree"));
        CliRun.Result j = cli.run("logs", "my-app", "--json");
        assertEquals("[ \"one\", \"two\", \"three\" ]\n", j.out(), j.toString());
        assertEquals(ExitCodes.USAGE, cli.run("logs", "my-app", "--json", "-f").code());
    }

    @Test
    void followReconnectsOnceAndSkipsWhatItAlreadyShowed() {
        fake.logBatches.add(List.of("a", "b", "c"));
        fake.logBatches.add(List.of("b", "c", "d", "e"));
        CliRun.Result r = cli.run("logs", "my-app", "-f");
        assertEquals(0, r.code(), r.toString());
        assertEquals("a\nb\nc\nd\ne\n", r.out());
        assertTrue(r.err().contains("reconnecting"), r.err());
        List<FakePvdifyd.Request> rs = fake.requests("GET", "/api/v1/apps/my-app/logs");
        assertEquals(2, rs.size());
        assertEquals("lines=100&follow=true", rs.get(0).query());
        assertEquals("lines=" + LogsCommand.OVERLAP + "&follow=true", rs.get(1).query());
    }
}
