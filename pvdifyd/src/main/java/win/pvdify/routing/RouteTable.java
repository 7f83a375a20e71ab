package win.pvdify.routing;

import java.util.List;

/** The router's table of app routes: a TrafficSwitch that can also say which route ids it holds right now. */
public interface RouteTable extends TrafficSwitch {

    /** Replaces the app's route with this one (its maintenance page included). */
    default void route(AppRoute route) {
        route(route.app(), route.hosts(), route.upstreams());
    }

    /** The @ids of every route the router has now, in order (routes without an id are left out). */
    List<String> routeIds();

    /** Where this table lives, for messages (e.g. "Caddy admin API at http://127.0.0.1:2019"). */
    String describe();
}
