package win.pvdify.ops;

import java.util.Locale;
import java.util.Optional;

/** What an operation changes. Its wire name is the lower-case name (deploy, domain_add...). */
public enum OperationKind {
    DEPLOY, ROLLBACK, CONFIG, SCALE, RESTART, DOMAIN_ADD, DOMAIN_REMOVE, APP_DELETE, MAINTENANCE, CRON_ADD, CRON_REMOVE,
    CRON_RUN, BUILD, ADDON_CREATE, ADDON_ATTACH, ADDON_DETACH, ADDON_DESTROY, ADDON_RESTART, ADDON_BACKUP,
    ADDON_RESTORE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OperationKind> fromWire(String wire) {
        for (OperationKind k : values()) {
            if (k.wire().equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Runs a new release with zero downtime: cancelling it while it runs stops the new dynos. */
    public boolean cancellableWhileRunning() {
        return this == DEPLOY || this == ROLLBACK || this == CONFIG || this == BUILD;
    }

    /**
     * May run ahead of an earlier deploy whose image is still being pulled: changes that do not pick an image.
     * Deploys, rollbacks and deletes keep their order among everything.
     */
    public boolean mayPassAPull() {
        return this == CONFIG || this == SCALE || this == RESTART || this == DOMAIN_ADD || this == DOMAIN_REMOVE
                || this == MAINTENANCE || this == CRON_ADD || this == CRON_REMOVE || this == CRON_RUN
                || name().startsWith("ADDON_");
    }
}
