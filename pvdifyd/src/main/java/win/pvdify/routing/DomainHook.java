package win.pvdify.routing;

/**
 * Told when an app gains or loses a custom domain (after the store recorded it). The routing side implements it:
 * Cloudflare records when asked, and the app's route in Caddy. A failure (exception) undoes the API call.
 */
public interface DomainHook {

    /** Returns the Cloudflare record id when a DNS record was created (cloudflare true), else null. */
    String onAdded(String app, String hostname, boolean cloudflare, boolean proxied);

    /** dnsRecordId is the id onAdded returned (null when Pvdify made no record). */
    void onRemoved(String app, String hostname, String dnsRecordId);

    /** onAdded failed (cloudflare was asked for): removes a record it may have made all the same. */
    default void onAbandoned(String app, String hostname) {
    }

    /** Does nothing: for a daemon without routing wired. */
    DomainHook NONE = new DomainHook() {
        @Override
        public String onAdded(String app, String hostname, boolean cloudflare, boolean proxied) {
            return null;
        }

        @Override
        public void onRemoved(String app, String hostname, String dnsRecordId) {
        }
    };
}
