package win.pvdify.engine;

import java.util.function.BooleanSupplier;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;

/** Decides whether a freshly started web dyno may receive traffic. */
public interface HealthProbe {

    /** Returns once the dyno is healthy; throws Unhealthy (with the reason) otherwise. */
    void await(DynoSpec dyno, Healthcheck healthcheck);

    /** The same, returning early (without judging) once stop says so: the deploy was cancelled. */
    default void await(DynoSpec dyno, Healthcheck healthcheck, BooleanSupplier stop) {
        await(dyno, healthcheck);
    }

    /** The dyno did not become healthy; the message says why ("timed out after 60 s: HTTP 503 on /up"). */
    final class Unhealthy extends RuntimeException {
        public Unhealthy(String message) {
            super(message);
        }
    }
}
