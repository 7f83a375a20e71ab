package win.pvdify.commands;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import win.pvdify.api.Webhook;
import win.pvdify.api.WebhookDelivery;
import win.pvdify.api.WireValue;
import win.pvdify.ops.Refused;
import win.pvdify.store.WebhookQueries;
import win.pvdify.webhooks.WebhookUrl;

/**
 * Adding, listing and removing an app's webhooks, and their delivery log. A webhook is not a change to the app's
 * dynos, so it is not an operation (like tokens and registry logins); what it delivers are the operations.
 */
public final class WebhookSubscriptions {
    public static final int MAX_PER_APP = 20;
    private final WebhookQueries webhooks;
    private final IntSupplier apiPort;
    private final Set<String> apiHosts;
    private final SecureRandom random = new SecureRandom();

    /** apiPort: the port pvdifyd's API listens on; apiHosts: the hosts that proxy to it (api.<base-domain>). */
    public WebhookSubscriptions(WebhookQueries webhooks, IntSupplier apiPort, Set<String> apiHosts) {
        this.webhooks = webhooks;
        this.apiPort = apiPort;
        this.apiHosts = Set.copyOf(apiHosts);
    }

    public Webhook add(String app, String url, List<String> include, String format, String secret, String by) {
        String problem = WebhookUrl.problem(url, apiPort.getAsInt(), apiHosts);
        if (problem != null) {
            throw new Refused(422, problem);
        }
        List<String> events = new ArrayList<>();
        for (String e : include == null || include.isEmpty() ? List.of("operation") : include) {
            if (e == null || WireValue.fromWire(Webhook.Event.class, e).isEmpty()) {
                throw new Refused(422, "include must name events of release, build, dyno, operation; not '"
                        + win.pvdify.names.Shown.of(e) + "'");
            }
            if (!events.contains(e)) {
                events.add(e);
            }
        }
        Webhook.Format f = format == null ? Webhook.Format.JSON : WireValue.fromWire(Webhook.Format.class, format)
                .orElseThrow(() -> new Refused(422, "format must be json or slack"));
        if (secret != null && (secret.length() < 8 || secret.length() > 256
                || secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new Refused(422, "secret must be 8 to 256 printable characters");
        }
        if (webhooks.count(app) >= MAX_PER_APP) {
            throw new Refused(422, app + " already has " + MAX_PER_APP + " webhooks; remove one first");
        }
        byte[] b = new byte[6];
        random.nextBytes(b);
        return webhooks.insert("wh_" + HexFormat.of().formatHex(b), app, url, WebhookUrl.shown(url), events, f,
                secret, by);
    }

    public List<Webhook> list(String app) {
        return webhooks.list(app);
    }

    public void remove(String app, String id) {
        if (!webhooks.delete(app, id)) {
            throw new Refused(404, "no webhook '" + win.pvdify.names.Shown.of(id) + "' on " + app);
        }
    }

    public List<WebhookDelivery> deliveries(String app, String id, int limit) {
        if (webhooks.find(app, id).isEmpty()) {
            throw new Refused(404, "no webhook '" + win.pvdify.names.Shown.of(id) + "' on " + app);
        }
        return webhooks.deliveries(id, limit);
    }
}
