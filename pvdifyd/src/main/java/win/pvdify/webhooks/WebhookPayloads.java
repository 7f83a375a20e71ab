package win.pvdify.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Operation;
import win.pvdify.api.Webhook;
import win.pvdify.api.WebhookEvent;

/**
 * Which event an ended operation is for a webhook, and the body it gets. Pure: the same operation and webhook
 * give the same bytes (retries send exactly what was stored).
 */
public final class WebhookPayloads {
    private static final Set<String> DYNO_KINDS = Set.of("scale", "restart");
    private static final com.fasterxml.jackson.databind.ObjectMapper SLACK = new com.fasterxml.jackson.databind.ObjectMapper();

    private WebhookPayloads() {
    }

    /**
     * The event type of op that include asks for, most specific first (release, build, dyno, then operation);
     * empty when include asks for none that op is.
     */
    public static Optional<Webhook.Event> match(Operation op, List<String> include) {
        for (Webhook.Event e : List.of(Webhook.Event.RELEASE, Webhook.Event.BUILD, Webhook.Event.DYNO,
                Webhook.Event.OPERATION)) {
            boolean is = switch (e) {
                case RELEASE -> op.release() != null && Operation.State.SUCCEEDED.is(op.state());
                case BUILD -> "build".equals(op.kind());
                case DYNO -> DYNO_KINDS.contains(op.kind());
                case OPERATION -> true;
            };
            if (is && include.contains(e.wire())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The body in the webhook's format; delivery is the delivery's id (receivers de-duplicate retries by it). */
    public static byte[] body(Webhook.Format format, long delivery, Webhook.Event event, Operation op) {
        if (format == Webhook.Format.SLACK) {
            return (SLACK.createObjectNode().put("text", slackText(op)).toString()).getBytes(StandardCharsets.UTF_8);
        }
        return new ApiJson().write(new WebhookEvent(delivery, event.wire(), op.app(), op, op.endedAt()));
    }

    /** One line for a chat: "shop: Deploy nginx:1.27 failed (operation 12): health check failed, by admin". */
    static String slackText(Operation op) {
        StringBuilder b = new StringBuilder();
        b.append(op.app()).append(": ").append(op.description()).append(' ').append(op.state())
                .append(" (operation ").append(op.id());
        if (op.release() != null) {
            b.append(", v").append(op.release());
        }
        b.append(')');
        if (op.error() != null && !Operation.State.SUCCEEDED.is(op.state())) {
            b.append(": ").append(op.error());
        }
        b.append(", by ").append(op.createdBy());
        // Slack reads <, > and & as markup: escape them as its docs say
        return b.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
