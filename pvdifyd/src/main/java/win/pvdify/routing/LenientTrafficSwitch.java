package win.pvdify.routing;

import java.util.List;

/**
 * Caddy down must not stop pvdifyd from deploying (issue 4: "pvdifyd keeps working, retries, and /status says
 * routing is degraded"): RouteSync has already recorded the wanted route and pushes it when Caddy answers again,
 * so an unreachable router is not a failed switch. A router that answers and refuses the change still fails.
 */
public final class LenientTrafficSwitch implements TrafficSwitch {
    private final RouteSync routes;

    public LenientTrafficSwitch(RouteSync routes) {
        this.routes = routes;
    }

    @Override
    public void route(String app, List<String> hosts, List<Upstream> upstreams) {
        try {
            routes.route(app, hosts, upstreams);
        } catch (RoutingException e) {
            if (!e.unreachable()) {
                throw e;
            }
        }
    }

    @Override
    public void eject(String app, Upstream upstream) {
        lenient(() -> routes.eject(app, upstream));
    }

    @Override
    public void readmit(String app, Upstream upstream) {
        lenient(() -> routes.readmit(app, upstream));
    }

    private static void lenient(Runnable change) {
        try {
            change.run();
        } catch (RoutingException e) {
            if (!e.unreachable()) {
                throw e;
            }
        }
    }

    @Override
    public void remove(String app) {
        try {
            routes.remove(app);
        } catch (RoutingException e) {
            if (!e.unreachable()) {
                throw e;
            }
        }
    }
}
