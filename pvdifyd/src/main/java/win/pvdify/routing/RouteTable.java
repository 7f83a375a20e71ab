package win.pvdify.routing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The router's table of app routes: a TrafficSwitch that can also say which route ids it holds right now. */
public interface RouteTable extends TrafficSwitch {

    /** Replaces the app's route with this one (its maintenance page included). */
    default void route(AppRoute route) {
        route(route.app(), route.hosts(), route.upstreams());
    }

    /**
     * Makes the app routes exactly these (routes of other apps go; routes without a pvdify id stay). Routers that
     * can, do it in ONE change: Caddy reloads its whole config on every admin change, so 100 routes pushed one by
     * one at start-up were 100 reloads. This default does it route by route.
     */
    default void replaceAll(Collection<AppRoute> routes) {
        Set<String> keep = routes.stream().map(AppRoute::app).collect(Collectors.toSet());
        for (String id : routeIds()) {
            String app = CaddyRoutes.appOf(id);
            if (app != null && !keep.contains(app)) {
                remove(app);
            }
        }
        routes.forEach(this::route);
    }

    /** The @ids of every route the router has now, in order (routes without an id are left out). */
    List<String> routeIds();

    /** Where this table lives, for messages (e.g. "Caddy admin API at http://127.0.0.1:2019"). */
    String describe();
}
