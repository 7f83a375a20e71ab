package win.pvdify.cloudflare;

/**
 * The DNS side of domains:add / domains:remove. Order that leaves no half state (the caller's part):
 * add: validate and check uniqueness, then add() (the record exists), then store the domain with the returned
 * record id; if storing fails, remove() the record again. remove: remove() the record first (on failure nothing
 * changed), then delete the domain row, then update the route.
 */
public interface DomainDns {

    /** Creates the CNAME hostname -> APP.BASE-DOMAIN; returns the record id to store with the domain. */
    String add(String app, String hostname, boolean proxied);

    /** Deletes the record made by add(); a record already gone is fine. */
    void remove(String hostname, String recordId);

    /**
     * Deletes the CNAME hostname -> APP.BASE-DOMAIN whose id was never stored (an add that failed after Cloudflare
     * made the record, e.g. its answer was lost); any other record of the name is left alone.
     */
    void removeUnrecorded(String app, String hostname);
}
