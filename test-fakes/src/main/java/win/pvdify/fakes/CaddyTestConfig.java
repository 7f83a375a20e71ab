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
        ObjectNode config = adapted.deepCopy();
        config.putObject("admin").put("listen", "127.0.0.1:" + adminPort);
        ObjectNode apps = (ObjectNode) config.path("apps");
        apps.remove("tls");
        ObjectNode http = (ObjectNode) apps.path("http");
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
