package win.pvdify.store;

import java.time.Instant;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;

/** One row of apps. currentRelease null = nothing deployed yet. */
public record StoredApp(
        String name,
        String environment,
        String status,
        int bindPort,
        Resources resources,
        Healthcheck healthcheck,
        boolean readOnly,
        Integer currentRelease,
        Instant createdAt,
        Instant updatedAt) {
}
