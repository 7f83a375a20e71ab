package win.pvdify.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import win.pvdify.fakes.FakeCloudflare;

class CloudflareDomainDnsTest {
    private final FakeCloudflare fake = new FakeCloudflare("token").start(0);
    private final String outer = fake.addZone("example.org");
    private final String inner = fake.addZone("shop.example.org");
    private final DomainDns domains = new CloudflareDomainDns(
            new CloudflareHttp(URI.create(fake.baseUrl()), "token", Duration.ofSeconds(10)), "paas.test");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void addCreatesACnameToTheDefaultHostInTheInnermostZone() {
        String id = domains.add("my-app", "WWW.Shop.Example.org", true);
        assertEquals(List.of("CNAME www.shop.example.org -> my-app.paas.test (proxied)"), fake.recordLines());
        assertTrue(fake.calls().stream().anyMatch(c -> c.toString().equals(
                "POST /client/v4/zones/" + inner + "/dns_records")), fake.calls().toString());
        domains.remove("www.shop.example.org", id);
        assertEquals(List.of(), fake.recordLines());
        assertTrue(fake.calls().getLast().toString().equals(
                "DELETE /client/v4/zones/" + inner + "/dns_records/" + id));
        domains.remove("www.shop.example.org", id); // already gone
    }

    @Test
    void addTakesOverTheSameCnameACrashLeftUnrecordedAndRefusesAnotherOne() {
        String left = fake.addRecord(outer, "CNAME", "www.example.org", "my-app.paas.test", false);
        assertEquals(left, domains.add("my-app", "www.example.org", false));
        assertEquals(List.of("CNAME www.example.org -> my-app.paas.test"), fake.recordLines());
        assertTrue(fake.calls().stream().noneMatch(c -> c.method().equals("POST")), "no second record");
        fake.addRecord(outer, "CNAME", "api.example.org", "elsewhere.example.net", false);
        DomainDnsException e = assertThrows(DomainDnsException.class, () -> domains.add("my-app", "api.example.org",
                false));
        assertEquals(422, e.httpStatus());
        assertTrue(e.getMessage().contains("already has a CNAME to elsewhere.example.net"), e.getMessage());
    }

    @Test
    void removeUnrecordedDeletesOnlyTheAppsOwnCname() {
        String mine = fake.addRecord(outer, "CNAME", "www.example.org", "my-app.paas.test", false);
        fake.addRecord(outer, "CNAME", "blog.example.org", "elsewhere.example.net", false);
        domains.removeUnrecorded("my-app", "www.example.org");
        domains.removeUnrecorded("my-app", "blog.example.org");
        assertEquals(List.of("CNAME blog.example.org -> elsewhere.example.net"), fake.recordLines());
        assertTrue(fake.calls().stream().anyMatch(c -> c.toString().endsWith("/dns_records/" + mine)));
    }

    @Test
    void aDomainWithoutZoneIsA422AndTouchesNothing() {
        DomainDnsException e = assertThrows(DomainDnsException.class, () -> domains.add("my-app", "x.other.net",
                false));
        assertEquals(422, e.httpStatus());
        assertTrue(e.getMessage().contains("no Cloudflare zone holds x.other.net"), e.getMessage());
        assertTrue(e.getMessage().contains("example.org, shop.example.org"), e.getMessage());
        assertTrue(fake.calls().stream().noneMatch(c -> c.method().equals("POST")));
    }

    @Test
    void cloudflareErrorsComeBackClearlyWithoutARecord() {
        fake.addRecord(outer, "A", "taken.example.org", "192.0.2.1", false);
        DomainDnsException exists = assertThrows(DomainDnsException.class,
                () -> domains.add("my-app", "taken.example.org", false));
        assertEquals(422, exists.httpStatus());
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());

        fake.clearCalls();
        domains.add("my-app", "ok.example.org", false); // warm: the zone listing works
        fake.failNext(500, 10001, "Internal error");
        DomainDnsException down = assertThrows(DomainDnsException.class,
                () -> domains.add("my-app", "new.example.org", false));
        assertEquals(502, down.httpStatus());
        assertTrue(down.getMessage().contains("Internal error"), down.getMessage());
        assertEquals(2, fake.recordLines().size(), "only taken and ok: " + fake.recordLines());
    }

    @Test
    void refusesBadInputBeforeCallingCloudflare() {
        assertEquals(422, assertThrows(DomainDnsException.class, () -> domains.add("my-app", "bad host.org", false))
                .httpStatus());
        assertEquals(422, assertThrows(DomainDnsException.class, () -> domains.add("my-app", "my-app.paas.test",
                false)).httpStatus());
        assertThrows(IllegalArgumentException.class, () -> domains.add("Bad_App", "www.example.org", false));
        assertTrue(fake.calls().isEmpty());
    }
}
