package win.pvdify.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by polling; the timeouts are generous because CI boxes are slow and shared. */
final class Poll {
    private Poll() {
    }

    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        value(what, timeout, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null);
    }

    /** Polls until the supplier returns non-null (exceptions count as "not yet"); returns that value. */
    static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
        long end = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T v = supplier.get();
                if (v != null) {
                    return v;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                AssertionError err = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: "
                        + what + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    err.initCause(last);
                }
                throw err;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
