package win.pvdify.engine;

import java.util.Locale;

/** A release's life: pending, deploying, then current, later superseded or rolled_back; or failed. */
public enum ReleaseStatus {
    PENDING, DEPLOYING, CURRENT, SUPERSEDED, ROLLED_BACK, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a release with this stored status has finished deploying (current or failed, or later ones). */
    public static boolean ended(String status) {
        return !PENDING.wire().equals(status) && !DEPLOYING.wire().equals(status);
    }
}
