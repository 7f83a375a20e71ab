package win.pvdify.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Operation;
import win.pvdify.api.Webhook;

/** Golden bodies in src/test/resources/webhooks (-Dgolden.update=true rewrites them), and event matching. */
class WebhookPayloadsTest {
    private static final Path DIR = Path.of("src/test/resources/webhooks");
    private static final Operation FAILED = new Operation(12, "shop", "deploy", "failed", "Deploy nginx:<1.27>",
            "deploy-token:GitHub CI", 4, "health check failed: web.1 answered 500 & \"quit\"",
            Instant.parse("2026-01-15T10:30:00Z"), Instant.parse("2026-01-15T10:30:01Z"),
            Instant.parse("2026-01-15T10:30:42.5Z"));
    private static final Operation RELEASED = new Operation(13, "shop", "rollback", "succeeded", "Rollback to v3",
            "admin", 5, null, Instant.parse("2026-01-15T10:31:00Z"), Instant.parse("2026-01-15T10:31:00Z"),
            Instant.parse("2026-01-15T10:31:05Z"));

    private static void golden(String name, byte[] actual) throws IOException {
        Path file = DIR.resolve(name);
        String text = new String(actual, StandardCharsets.UTF_8) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, text);
        }
        assertEquals(Files.readString(file), text, file.toString());
    }

    @Test
    void jsonAndSlackBodies() throws IOException {
        golden("failed-deploy.json", WebhookPayloads.body(Webhook.Format.JSON, 7, Webhook.Event.OPERATION, FAILED));
        golden("failed-deploy.slack.json", WebhookPayloads.body(Webhook.Format.SLACK, 7, Webhook.Event.OPERATION,
                FAILED));
        golden("rollback.json", WebhookPayloads.body(Webhook.Format.JSON, 8, Webhook.Event.RELEASE, RELEASED));
        golden("rollback.slack.json", WebhookPayloads.body(Webhook.Format.SLACK, 8, Webhook.Event.RELEASE,
                RELEASED));
    }

    @Test
    void theMostSpecificAskedEventMatches() {
        List<String> all = List.of("release", "build", "dyno", "operation");
        assertEquals(Optional.of(Webhook.Event.RELEASE), WebhookPayloads.match(RELEASED, all));
        assertEquals(Optional.of(Webhook.Event.OPERATION), WebhookPayloads.match(FAILED, all));
        assertEquals(Optional.empty(), WebhookPayloads.match(FAILED, List.of("release")));
        assertEquals(Optional.of(Webhook.Event.OPERATION), WebhookPayloads.match(RELEASED, List.of("operation")));
        Operation scale = new Operation(14, "shop", "scale", "succeeded", "Scale web=2", "admin", null, null,
                null, null, null);
        assertEquals(Optional.of(Webhook.Event.DYNO), WebhookPayloads.match(scale, all));
        assertEquals(Optional.empty(), WebhookPayloads.match(scale, List.of("release", "build")));
        Operation build = new Operation(15, "shop", "build", "failed", "Build abc123", "admin", null, "exit 1",
                null, null, null);
        assertEquals(Optional.of(Webhook.Event.BUILD), WebhookPayloads.match(build, all));
    }
}
