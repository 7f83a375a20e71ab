package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;
import java.util.List;

/** An app as the API shows it. status: created, running, crashed, stopped, failed, deleting. */
@Json(naming = Json.Naming.LowerUnderscore)
public record App(
        String name,
        String environment,
        String status,
        String image,
        Integer currentRelease,
        Integer bindPort,
        Resources resources,
        Healthcheck healthcheck,
        Boolean readOnly,
        String webUrl,
        List<String> domains,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * An app's status, derived from what runs: created (nothing deployed), running, crashed, stopped (formation
     * 0), failed (the last deploy failed and nothing runs), deleting.
     */
    public enum Status implements WireValue {
        CREATED, RUNNING, CRASHED, STOPPED, FAILED, DELETING
    }
}
