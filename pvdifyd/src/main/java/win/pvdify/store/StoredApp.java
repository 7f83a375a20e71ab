package win.pvdify.store;

import java.time.Instant;
import win.pvdify.api.App;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;

/** One row of apps. currentRelease null = nothing deployed yet. */
public record StoredApp(
        String name,
        String environment,
        App.Status status,
        int bindPort,
        Resources resources,
        Healthcheck healthcheck,
        boolean readOnly,
        Integer currentRelease,
        Instant createdAt,
        Instant updatedAt) {
}
