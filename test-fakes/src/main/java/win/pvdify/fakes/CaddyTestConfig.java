package win.pvdify.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Pure: the adapted JSON of Caddyfile.example made runnable in a test — admin and the HTTPS server's listener on
 * the given loopback ports, automatic HTTPS off (no certificates, no :80 redirect server), the tls app dropped,
 * the API/dashboard upstreams replaced when asked. Everything else (routes and their order) stays as the
 * operator would run it.
 */
public record CaddyTestConfig(ObjectNode config, String serverName) {

    public static CaddyTestConfig from(JsonNode adapted, int httpPort, int adminPort, String apiDial,
                                       String adminDial) {
        return from(adapted, httpPort, adminPort, apiDial, adminDial, null);
    }

    /**
     * tlsAsk non-null: keep HTTPS with on-demand TLS instead — the server speaks TLS on the port, certificates come
     * from Caddy's internal CA (never installed into the system trust store) and the ask goes to tlsAsk.
     */
    public static CaddyTestConfig from(JsonNode adapted, int port, int adminPort, String apiDial,
                                       String adminDial, String tlsAsk) {
        int httpPort = port;
        ObjectNode config = adapted.deepCopy();
        config.putObject("admin").put("listen", "127.0.0.1:" + adminPort);
        ObjectNode apps = (ObjectNode) config.path("apps");
        ObjectNode http = (ObjectNode) apps.path("http");
        if (tlsAsk != null) {
            return withOnDemandTls(config, apps, http, port, apiDial, adminDial, tlsAsk);
        }
        apps.remove("tls");
        http.put("http_port", httpPort);
        ObjectNode servers = (ObjectNode) http.path("servers");
        if (servers.size() != 1) {
            throw new IllegalArgumentException("Caddyfile.example should define exactly one server, found "
                    + servers.size());
        }
        Map.Entry<String, JsonNode> only = servers.fields().next();
        ObjectNode server = (ObjectNode) only.getValue();
        server.putArray("listen").add("127.0.0.1:" + httpPort);
        server.remove("tls_connection_policies");
        server.putObject("automatic_https").put("disable", true);
        replaceDial(server, "127.0.0.1:9443", apiDial);
        replaceDial(server, "127.0.0.1:9444", adminDial);
        return new CaddyTestConfig(config, only.getKey());
    }

    private static CaddyTestConfig withOnDemandTls(ObjectNode config, ObjectNode apps, ObjectNode http, int port,
                                                   String apiDial, String adminDial, String tlsAsk) {
        // http_port stays as it is (80): with redirects off and an internal issuer nothing listens there.
        http.put("https_port", port);
        Map.Entry<String, JsonNode> only = http.path("servers").fields().next();
        ObjectNode server = (ObjectNode) only.getValue();
        server.putArray("listen").add("127.0.0.1:" + port);
        server.putObject("automatic_https").put("disable_redirects", true);
        replaceDial(server, "127.0.0.1:9443", apiDial);
        replaceDial(server, "127.0.0.1:9444", adminDial);
        ObjectNode automation = (ObjectNode) apps.path("tls").path("automation");
        automation.with("on_demand").put("ask", tlsAsk);
        for (JsonNode policy : automation.path("policies")) {
            ((ObjectNode) policy).putArray("issuers").addObject().put("module", "internal");
        }
        apps.putObject("pki").putObject("certificate_authorities").putObject("local").put("install_trust", false);
        return new CaddyTestConfig(config, only.getKey());
    }

    private static void replaceDial(JsonNode node, String from, String to) {
        if (to == null) {
            return;
        }
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            if (from.equals(obj.path("dial").asText(null))) {
                obj.put("dial", to);
            }
            for (Iterator<JsonNode> it = obj.elements(); it.hasNext(); ) {
                replaceDial(it.next(), from, to);
            }
        } else if (node.isArray()) {
            node.forEach(child -> replaceDial(child, from, to));
        }
    }
}
