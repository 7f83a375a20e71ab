package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;

/** The served OpenAPI document names exactly the routes the daemon answers. */
class OpenApiDocumentTest {

    @Test
    void everyRouteIsDocumentedAndNothingElse() throws Exception {
        try (TestDaemon t = new TestDaemon(b -> { })) {
            TreeSet<String> routed = new TreeSet<>(t.daemon.routing().described());
            var res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(t.daemon.baseUrl() + "/api/v1/openapi.yaml"))
                    .header("Authorization", "Bearer " + t.adminToken).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode());
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(res.body());
            TreeSet<String> documented = new TreeSet<>();
            Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
            while (paths.hasNext()) {
                var p = paths.next();
                p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
            }
            assertEquals(routed, documented);
        }
    }
}
