package win.pvdify.routing;

import java.util.Optional;

/** Which apps are in maintenance mode, and with which page (the store answers; SQLite holds the state). */
@FunctionalInterface
public interface MaintenancePages {

    /** The app's page while it is in maintenance mode; empty when it serves normally. */
    Optional<MaintenancePage> of(String app);

    /** No app is ever in maintenance mode. */
    MaintenancePages NONE = app -> Optional.empty();
}
