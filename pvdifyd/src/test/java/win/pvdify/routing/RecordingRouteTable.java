package win.pvdify.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A router in memory that records every call; can be "down" (unreachable) or "restarted" (routes gone). */
final class RecordingRouteTable implements RouteTable {
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, AppRoute> routes = new LinkedHashMap<>();
    boolean down;

    @Override
    public synchronized void route(String app, List<String> hosts, List<Upstream> upstreams) {
        route(new AppRoute(app, hosts, upstreams));
    }

    @Override
    public synchronized void route(AppRoute route) {
        reachable("route " + route.app() + (route.maintenance() == null ? "" : " (maintenance)"));
        routes.put(CaddyRoutes.id(route.app()), route);
    }

    @Override
    public synchronized void remove(String app) {
        reachable("remove " + app);
        routes.remove(CaddyRoutes.id(app));
    }

    /** One call, as Caddy's is one change: recorded as "replace web shop" (the apps in the order given). */
    @Override
    public synchronized void replaceAll(java.util.Collection<AppRoute> all) {
        reachable("replace " + String.join(" ", all.stream().map(AppRoute::app).toList()));
        routes.keySet().removeIf(id -> CaddyRoutes.appOf(id) != null);
        all.forEach(r -> routes.put(CaddyRoutes.id(r.app()), r));
    }

    @Override
    public synchronized List<String> routeIds() {
        reachable("ids");
        return List.copyOf(routes.keySet());
    }

    @Override
    public String describe() {
        return "test router";
    }

    synchronized void restart() {
        routes.clear();
    }

    private void reachable(String call) {
        calls.add(call + (down ? " (down)" : ""));
        if (down) {
            throw new RoutingException("test router is unreachable (ConnectException: Connection refused)", true,
                    null);
        }
    }
}
