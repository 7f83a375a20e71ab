package win.pvdify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.AddDomain;
import win.pvdify.api.CreateApp;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.FakeCloudflare;

/** Main's wiring with Cloudflare configured reaches a real HTTP server speaking the v4 API (the fake). */
class MainWiringTest {

    @Test
    void cloudflareFromConfigMakesRecordsAndShowsZones() throws Exception {
        try (FakeCloudflare cf = new FakeCloudflare("cf-test-token").start(0)) {
            cf.addZone("example.com");
            var dir = TestDaemon.newDataDir();
            DaemonConfig config = DaemonConfigLoader.load(new String[] {"--dev", "--port", "0", "--data-dir",
                    dir.toString()}, Map.of("CLOUDFLARE_API_TOKEN", "cf-test-token", "CLOUDFLARE_API_BASE_URL", cf.baseUrl()));
            try (Daemon d = Main.wire(Daemon.builder(config), config)
                    .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).build().start()) {
                PvdifyClient api = new PvdifyClient(d.baseUrl(), Files.readString(dir.resolve("admin-token")).trim());
                assertEquals("example.com", api.dnsZones().getFirst().name());
                api.createApp(new CreateApp("site", null));
                String id = api.addDomain("site", new AddDomain("www.example.com", true, true)).dnsRecordId();
                assertEquals(1, api.dnsRecords(api.dnsZones().getFirst().id()).stream()
                        .filter(r -> r.id().equals(id)).count());
                api.removeDomain("site", "www.example.com");
                assertEquals(0, api.dnsRecords(api.dnsZones().getFirst().id()).stream()
                        .filter(r -> r.id().equals(id)).count());
                assertEquals("ok", api.status().checks().stream().filter(c -> c.name().equals("cloudflare"))
                        .findFirst().orElseThrow().state());
            }
        }
    }
}
