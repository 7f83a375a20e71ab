package win.pvdify.cloudflare;

import java.util.List;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;

/** DNS zones and records the configured account can edit. Implemented over Cloudflare's API v4. */
public interface DnsProvider {

    /** Every zone the token can see, all pages. */
    List<DnsZone> zones();

    /** Every record of the zone, all pages. */
    List<DnsRecord> records(String zoneId);

    /** Creates a CNAME name -> target in the zone; returns the new record's id. */
    String createCname(String zoneId, String name, String target, boolean proxied);

    /** Deletes a record; a record that no longer exists is not an error. */
    void deleteRecord(String zoneId, String recordId);
}
