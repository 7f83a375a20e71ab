package win.pvdify.engine;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Dyno;

/**
 * What the API asks of the runtime. Every change is one reconcile of the app (desired from the ledger,
 * observed from the supervisor). Calls for one app are serialized; different apps run in parallel.
 */
public interface AppRuntime {

    /** Runs the given (already recorded) release with zero downtime; returns when it is current or failed. */
    void deploy(String app, int release, Consumer<DeployProgress> progress);

    /**
     * The same, stopping when cancelled turns true before the release is current: the new dynos are removed,
     * the old release keeps serving and the release fails with PlanExecutor.CANCELLED.
     */
    default void deploy(String app, int release, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        deploy(app, release, progress);
    }

    /**
     * Pulls an image ahead of its deploy (outside the app's turn), so the deploy's own pull finds it ready;
     * returns its digest, or null when this runtime pulls nothing.
     */
    default String prepareImage(String image, Consumer<String> progress) {
        return null;
    }

    /** Brings dynos in line with the formation (scale); no new release. */
    void applyFormation(String app);

    /** Restarts the app's dynos (rolling for web); type null = all types. */
    void restart(String app, String type);

    /** Removes every dyno, unit, container, env file, port and route of the app. */
    void remove(String app);

    /**
     * The same; force skips the drain and the dynos' stop timeout (killed at once: requests in flight drop), for
     * stuck apps.
     */
    default void remove(String app, boolean force) {
        remove(app);
    }

    /**
     * Stops the app's current dynos named by dyno ("web.1") or type ("web"), then starts fresh ones in their place.
     * Web dynos leave the route first and drain; force skips the drain and kills them (requests in flight drop).
     * Throws PlanException when nothing matches.
     */
    default void stop(String app, String dyno, boolean force) {
        throw new PlanException("this runtime cannot stop single dynos");
    }

    /** Observed dynos of the app, with live stats where available. */
    List<Dyno> dynos(String app);

    /**
     * Reads the app's log (Heroku format lines, oldest first): the last `lines` lines, then, when follow,
     * new lines until the sink throws or the thread is interrupted. process null = every type.
     */
    void logs(String app, int lines, String process, boolean follow, Consumer<String> sink);

    /** The app's hosts changed (a domain was added or removed): re-push its route. */
    default void refreshRoutes(String app) {
    }
}
