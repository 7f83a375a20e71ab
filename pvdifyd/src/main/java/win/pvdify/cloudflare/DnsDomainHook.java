package win.pvdify.cloudflare;

import win.pvdify.routing.DomainHook;

/**
 * The DNS half of domains:add/remove for the API: a CNAME only when the request asks for it (cloudflare: true).
 * dns null = no Cloudflare token configured; asking for a record then is a 422.
 */
public final class DnsDomainHook implements DomainHook {
    private final DomainDns dns;

    public DnsDomainHook(DomainDns dns) {
        this.dns = dns;
    }

    @Override
    public String onAdded(String app, String hostname, boolean cloudflare, boolean proxied) {
        if (!cloudflare) {
            return null;
        }
        if (dns == null) {
            throw new DomainDnsException(422, "Cloudflare is not configured on this server (CLOUDFLARE_API_TOKEN)",
                    null);
        }
        return dns.add(app, hostname, proxied);
    }

    @Override
    public void onAbandoned(String app, String hostname) {
        if (dns != null) {
            dns.removeUnrecorded(app, hostname);
        }
    }

    @Override
    public void onRemoved(String app, String hostname, String dnsRecordId) {
        if (dnsRecordId != null && dns != null) {
            dns.remove(hostname, dnsRecordId);
        }
    }
}
