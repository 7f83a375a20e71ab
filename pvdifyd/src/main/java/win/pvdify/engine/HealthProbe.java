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

    /**
     * One liveness probe of a running dyno on 127.0.0.1:hostPort with these effective settings (the deploy check's
     * path, status, body, Host header and timeout): healthy or not, and what was seen. A refused connection fails
     * here (the dyno was up). The default says healthy: a runtime without probes never takes a dyno out.
     */
    default Probe probeOnce(int hostPort, Healthcheck effective) {
        return new Probe(true, "not probed");
    }

    /** One probe's outcome. */
    record Probe(boolean healthy, String detail) {
    }

    /** The dyno did not become healthy; the message says why ("timed out after 60 s: HTTP 503 on /up"). */
    final class Unhealthy extends RuntimeException {
        public Unhealthy(String message) {
            super(message);
        }
    }
}
