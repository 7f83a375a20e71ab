package win.pvdify.engine;

import java.time.Duration;

/** Waits (the drain period). A seam so orchestration tests do not sleep. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration);

    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining", e);
        }
    };
}
