package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;
import java.util.List;

/**
 * A webhook of an app as listed: url is shown as scheme://host[:port]/... (the whole URL, which may carry a
 * secret in its path, and the signing secret are stored encrypted and never answered). include: the event types
 * it gets (release, build, dyno, operation); format: json (signed Pvdify events) or slack ({"text": ...}).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Webhook(String id, String app, String url, List<String> include, String format, boolean signed,
                      String createdBy, Instant createdAt) {

    /** What a webhook may ask for: operations that made a release, builds, dyno changes, every operation. */
    public enum Event implements WireValue {
        RELEASE, BUILD, DYNO, OPERATION
    }

    /** The body's shape: Pvdify's JSON event, or Slack's incoming-webhook message. */
    public enum Format implements WireValue {
        JSON, SLACK
    }
}
