package win.pvdify.store;

import java.time.Instant;
import win.pvdify.api.Build;

/** A build as stored (see V9__builds.sql). */
public record StoredBuild(String app, int number, Build.Status status, Build.Source source, String sourceVersion,
                          String builder, String image, Integer release, Long operation, String error,
                          String createdBy, Instant createdAt, Instant updatedAt) {

    public Build toApi() {
        return new Build(number, app, status.wire(), source.wire(), sourceVersion, builder, image, release, operation,
                error, "/api/v1/apps/" + app + "/builds/" + number + "/output", createdBy, createdAt, updatedAt);
    }
}
