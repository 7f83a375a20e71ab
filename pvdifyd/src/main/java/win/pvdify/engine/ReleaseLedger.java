package win.pvdify.engine;

import java.util.List;
import java.util.Optional;
import win.pvdify.api.App;

/**
 * What the engine reads and records in the store (SQLite is the single source of desired state).
 * Implemented by the store with jOOQ; tests use an in-memory one.
 */
public interface ReleaseLedger {

    /** Names of every app that is not being deleted. */
    List<String> appNames();

    /** The app's desired state for the given release (its image and config snapshot); empty if unknown. */
    Optional<DesiredApp> desired(String app, int release);

    /** The app's desired state for its current release (or with no release yet). */
    Optional<DesiredApp> desired(String app);

    /** Releases left in pending/deploying (after a crash), oldest first. */
    List<StuckRelease> stuckReleases();

    void markDeploying(String app, int release);

    /** Makes this release current; the one it replaces becomes superseded (or rolled_back for rollbacks). */
    void markCurrent(String app, int release, String imageDigest);

    void markFailed(String app, int release, String reason);

    /** App status: created, running, crashed, stopped, failed. */
    void setAppStatus(String app, App.Status status);

    /** Adds a platform log line (pvdify[api]/pvdify[engine]) for the app. */
    void event(String app, String source, String message);

    record StuckRelease(String app, int release) {
    }

    /**
     * The app's current release as the settling watch sees it: since when it is current (null = unknown), whether
     * it is itself a rollback (never rolled back automatically: no ping-pong) and its status.
     */
    record CurrentRelease(int version, java.time.Instant since, boolean rollback, String status) {
    }

    /** The app's current release with an image; empty when nothing runs. */
    default Optional<CurrentRelease> currentRelease(String app) {
        return Optional.empty();
    }
}
