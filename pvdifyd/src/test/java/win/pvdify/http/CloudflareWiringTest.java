package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.AddDomain;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.client.ApiException;
import win.pvdify.cloudflare.DnsDomainHook;
import win.pvdify.cloudflare.DnsProvider;
import win.pvdify.cloudflare.DomainDns;
import win.pvdify.cloudflare.DomainDnsException;

/** Domains with cloudflare:true go through the DomainHook; /cloudflare/zones through the DnsProvider. */
class CloudflareWiringTest {

    static final class RecordingDns implements DomainDns, DnsProvider {
        final List<String> calls = new ArrayList<>();

        @Override
        public String add(String app, String hostname, boolean proxied) {
            if (hostname.startsWith("taken.")) {
                throw new DomainDnsException(422, "a record for " + hostname + " already exists", null);
            }
            calls.add("add " + app + " " + hostname + " " + proxied);
            return "rec-1";
        }

        @Override
        public void remove(String hostname, String recordId) {
            calls.add("remove " + hostname + " " + recordId);
        }

        @Override
        public void removeUnrecorded(String app, String hostname) {
            calls.add("removeUnrecorded " + app + " " + hostname);
        }

        @Override
        public List<DnsZone> zones() {
            return List.of(new DnsZone("z1", "example.com", "active"));
        }

        @Override
        public List<DnsRecord> records(String zoneId) {
            return List.of(new DnsRecord("rec-1", "CNAME", "www.example.com", "site.pvdify.localhost", true));
        }

        @Override
        public String createCname(String zoneId, String name, String target, boolean proxied) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteRecord(String zoneId, String recordId) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void domainRecordsAndZones() {
        RecordingDns dns = new RecordingDns();
        try (TestDaemon t = new TestDaemon(b -> b.domainHook(p -> new DnsDomainHook(dns)).dnsProvider(p -> dns))) {
            var api = t.admin();
            api.createApp(new CreateApp("site", null));
            assertEquals("rec-1", api.addDomain("site", new AddDomain("www.example.com", true, true)).dnsRecordId());
            assertEquals(422, assertThrows(ApiException.class,
                    () -> api.addDomain("site", new AddDomain("taken.example.com", true, false))).status());
            assertEquals(2, api.domains("site").size());
            api.removeDomain("site", "www.example.com");
            assertEquals(List.of("add site www.example.com true", "removeUnrecorded site taken.example.com",
                    "remove www.example.com rec-1"), dns.calls);
            assertEquals("example.com", api.dnsZones().getFirst().name());
            assertEquals("CNAME", api.dnsRecords("z1").getFirst().type());
        }
    }

    @Test
    void withoutCloudflareAskingForARecordIs422AndZonesAre409() {
        try (TestDaemon t = new TestDaemon(b -> b.domainHook(p -> new DnsDomainHook(null)))) {
            var api = t.admin();
            api.createApp(new CreateApp("site", null));
            assertEquals(422, assertThrows(ApiException.class,
                    () -> api.addDomain("site", new AddDomain("www.example.com", true, false))).status());
            assertEquals(1, api.domains("site").size());
            assertEquals(409, assertThrows(ApiException.class, api::dnsZones).status());
        }
    }
}
