package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * A build from source, like Heroku's build resource: a source tarball upload (POST /apps/{name}/builds) or a
 * `git push`, built into an image (localhost/pvdify/APP:build-N) and released by the same operation.
 *
 * <ul>
 * <li>id: the build's number within the app (1, 2...)</li>
 * <li>status: pending (queued, building or releasing), succeeded (its release is current), failed, cancelled</li>
 * <li>source: upload or git; sourceVersion: the pushed commit, or sha256:HEX of the uploaded tarball</li>
 * <li>builder: how it was built (containerfile, dockerfile, or the static template)</li>
 * <li>operation: the operation that builds and releases it (its events are the build output)</li>
 * <li>release: the release it made, once recorded</li>
 * <li>outputUrl: where its output is (GET, text/plain; ?follow=true streams it until the build ends)</li>
 * </ul>
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Build(
        int id,
        String app,
        String status,
        String source,
        String sourceVersion,
        String builder,
        String image,
        Integer release,
        Long operation,
        String error,
        String outputUrl,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the build has ended. */
    public boolean ended() {
        return WireValue.fromWire(Status.class, status).map(Status::ended).orElse(false);
    }

    /** Where a build is. */
    public enum Status implements WireValue {
        PENDING, SUCCEEDED, FAILED, CANCELLED;

        public boolean ended() {
            return this != PENDING;
        }
    }

    /** Where its source came from. */
    public enum Source implements WireValue {
        UPLOAD, GIT
    }
}
