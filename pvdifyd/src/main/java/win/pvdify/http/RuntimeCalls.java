package win.pvdify.http;

import java.util.function.Supplier;

/** Reads from the runtime (dynos, logs): its failures (Podman down, systemd gone) become 503 with the reason. */
final class RuntimeCalls {
    private RuntimeCalls() {
    }

    static <T> T guarded(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiProblem p) {
            throw p;
        } catch (win.pvdify.engine.PlanException e) {
            throw ApiProblem.conflict(what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw ApiProblem.unavailable(what + " failed: the runtime is not available (" + e.getMessage() + ")");
        }
    }

    static void guarded(String what, Runnable call) {
        guarded(what, () -> {
            call.run();
            return null;
        });
    }
}
