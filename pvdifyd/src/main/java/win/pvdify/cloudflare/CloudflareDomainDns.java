package win.pvdify.cloudflare;

import java.util.List;
import java.util.Locale;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.routing.CaddyRoutes;

/** Domains in Cloudflare: a CNAME from the custom domain to the app's default host, in the zone that holds it. */
public final class CloudflareDomainDns implements DomainDns {
    private final DnsProvider dns;
    private final String baseDomain;

    /** baseDomain: Pvdify's base domain; an app's default host is APP.BASE-DOMAIN. */
    public CloudflareDomainDns(DnsProvider dns, String baseDomain) {
        this.dns = dns;
        this.baseDomain = baseDomain.toLowerCase(Locale.ROOT);
    }

    @Override
    public String add(String app, String hostname, boolean proxied) {
        String host = normalize(hostname);
        CaddyRoutes.id(app); // validates the app name
        String target = app + "." + baseDomain;
        if (host.equals(target)) {
            throw new DomainDnsException(422, host + " is the app's default host; it needs no CNAME", null);
        }
        DnsZone zone = zoneOf(host);
        try {
            // The same CNAME already there was made by an add that a crash cut short before its id was stored:
            // take it over instead of failing on "record exists" (so a domain add can always be run again).
            for (DnsRecord r : dns.records(zone.id())) {
                if ("CNAME".equals(r.type()) && host.equalsIgnoreCase(r.name())) {
                    if (target.equalsIgnoreCase(r.content())) {
                        return r.id();
                    }
                    throw new DomainDnsException(422, host + " already has a CNAME to " + r.content()
                            + " in Cloudflare; remove it there or add the domain without Cloudflare", null);
                }
            }
            return dns.createCname(zone.id(), host, target, proxied);
        } catch (CloudflareException e) {
            throw translate("creating the CNAME " + host + " -> " + target, e);
        }
    }

    @Override
    public void remove(String hostname, String recordId) {
        if (recordId == null || recordId.isBlank()) {
            return;
        }
        String host = normalize(hostname);
        DnsZone zone = zoneOf(host);
        try {
            dns.deleteRecord(zone.id(), recordId);
        } catch (CloudflareException e) {
            throw translate("deleting the DNS record of " + host, e);
        }
    }

    @Override
    public void removeUnrecorded(String app, String hostname) {
        String host = normalize(hostname);
        String target = app + "." + baseDomain;
        DnsZone zone = zoneOf(host);
        try {
            for (DnsRecord r : dns.records(zone.id())) {
                if ("CNAME".equals(r.type()) && host.equalsIgnoreCase(r.name()) && target.equalsIgnoreCase(r.content())) {
                    dns.deleteRecord(zone.id(), r.id());
                }
            }
        } catch (CloudflareException e) {
            throw translate("removing the DNS record of " + host, e);
        }
    }

    private DnsZone zoneOf(String host) {
        List<DnsZone> zones;
        try {
            zones = dns.zones();
        } catch (CloudflareException e) {
            throw translate("listing zones", e);
        }
        return ZoneMatch.longestSuffix(zones, host).orElseThrow(() -> new DomainDnsException(422,
                "no Cloudflare zone holds " + host + " (zones this token can edit: "
                        + (zones.isEmpty() ? "none" : String.join(", ", zones.stream().map(DnsZone::name).toList()))
                        + "); add the zone in Cloudflare or add the domain without Cloudflare", null));
    }

    private static DomainDnsException translate(String what, CloudflareException e) {
        // Cloudflare's 4xx on a record (exists, invalid) is the user's to fix; token problems and outages are ours.
        boolean usersToFix = e.status() == 400 && e.code() != 6003;
        return new DomainDnsException(usersToFix ? 422 : 502, what + " failed: " + e.getMessage(), e);
    }

    private static String normalize(String hostname) {
        String host = hostname == null ? "" : hostname.strip().toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (host.startsWith("*.") || !CaddyRoutes.validHost(host)) {
            throw new DomainDnsException(422, "invalid hostname '" + hostname + "'", null);
        }
        return host;
    }
}
