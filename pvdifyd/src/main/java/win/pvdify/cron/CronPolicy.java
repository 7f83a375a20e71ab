package win.pvdify.cron;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens when a job's time comes while its previous run still goes on (Kubernetes CronJob's
 * concurrencyPolicy): FORBID skips the new firing (the default), REPLACE stops the running one and starts
 * anew, ALLOW runs both side by side.
 */
public enum CronPolicy {
    ALLOW, FORBID, REPLACE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CronPolicy> fromWire(String wire) {
        for (CronPolicy p : values()) {
            if (p.wire().equals(wire)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
