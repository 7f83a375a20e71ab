package win.pvdify.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.StatusCheck;
import win.pvdify.fakes.FakeCloudflare;

class CloudflareHttpTest {
    private final FakeCloudflare fake = new FakeCloudflare("good-token").start(0);
    private final CloudflareHttp cf = client("good-token");

    private CloudflareHttp client(String token) {
        return new CloudflareHttp(URI.create(fake.baseUrl()), token, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void listsEveryPageOfZones() {
        for (int i = 0; i < 120; i++) {
            fake.addZone("zone" + i + ".test");
        }
        List<DnsZone> zones = cf.zones();
        assertEquals(120, zones.size());
        assertEquals("zone119.test", zones.getLast().name());
        assertEquals("active", zones.getFirst().status());
        assertEquals(3, fake.calls().size(), "50 per page: " + fake.calls());
        assertTrue(fake.calls().get(2).query().contains("page=3"));
    }

    @Test
    void createsListsAndDeletesCnames() {
        String zone = fake.addZone("example.org");
        for (int i = 0; i < 150; i++) {
            fake.addRecord(zone, "A", "host" + i, "192.0.2.1", false);
        }
        String id = cf.createCname(zone, "www.example.org", "my-app.paas.test", true);
        List<DnsRecord> records = cf.records(zone);
        assertEquals(151, records.size());
        assertEquals(new DnsRecord(id, "CNAME", "www.example.org", "my-app.paas.test", true), records.getLast());
        cf.deleteRecord(zone, id);
        cf.deleteRecord(zone, id); // already gone: fine
        assertEquals(150, cf.records(zone).size());
    }

    @Test
    void reportsCloudflaresOwnErrorMessages() {
        String zone = fake.addZone("example.org");
        cf.createCname(zone, "www.example.org", "a.paas.test", false);
        CloudflareException dup = assertThrows(CloudflareException.class,
                () -> cf.createCname(zone, "www.example.org", "b.paas.test", false));
        assertEquals("Cloudflare: An A, AAAA, or CNAME record with that host already exists. (code 81053)",
                dup.getMessage());
        assertEquals(400, dup.status());
        assertEquals(81053, dup.code());

        fake.failNext(500, 10001, "Internal error");
        CloudflareException broken = assertThrows(CloudflareException.class, cf::zones);
        assertEquals("Cloudflare: Internal error (code 10001)", broken.getMessage());
    }

    @Test
    void explainsABadToken() {
        CloudflareException e = assertThrows(CloudflareException.class, () -> client("wrong").zones());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().startsWith("Cloudflare: Authentication error (code 10000)"), e.getMessage());
        assertTrue(e.getMessage().contains("CLOUDFLARE_API_TOKEN"), e.getMessage());
        assertEquals(StatusCheck.DOWN, client("wrong").status().state());
        assertEquals(StatusCheck.OK, cf.status().state());
    }

    @Test
    void reportsAnUnreachableApiWithinTheTimeout() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CloudflareHttp down = new CloudflareHttp(URI.create("http://127.0.0.1:" + closed + "/client/v4"), "t",
                Duration.ofSeconds(5));
        CloudflareException e = assertThrows(CloudflareException.class, down::zones);
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void refusesIdsThatWouldChangeThePath() {
        assertThrows(IllegalArgumentException.class, () -> cf.records("../user"));
        assertThrows(IllegalArgumentException.class, () -> cf.deleteRecord("abc", "x/y"));
    }

    @Test
    void isConfiguredFromTheEnvironment() {
        assertTrue(CloudflareHttp.fromEnvironment(Map.of()).isEmpty());
        assertTrue(CloudflareHttp.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", " ")).isEmpty());
        fake.addZone("example.org");
        CloudflareHttp fromEnv = CloudflareHttp.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "good-token",
                "CLOUDFLARE_API_BASE_URL", fake.baseUrl())).orElseThrow();
        assertEquals(1, fromEnv.zones().size());
    }
}
