package win.pvdify.engine;

import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;

/** Decides whether a freshly started web dyno may receive traffic. */
public interface HealthProbe {

    /** Returns once the dyno is healthy; throws Unhealthy (with the reason) otherwise. */
    void await(DynoSpec dyno, Healthcheck healthcheck);

    /** The dyno did not become healthy; the message says why ("timed out after 60 s: HTTP 503 on /up"). */
    final class Unhealthy extends RuntimeException {
        public Unhealthy(String message) {
            super(message);
        }
    }
}
