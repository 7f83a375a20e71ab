package win.pvdify.routing;

import java.util.List;

/**
 * An app's route as the engine wants it: hosts (default first, then custom domains) to these upstreams; while
 * maintenance is set, every host answers its 503 page instead (the upstreams are kept for when it ends).
 */
public record AppRoute(String app, List<String> hosts, List<Upstream> upstreams, MaintenancePage maintenance) {
    public AppRoute {
        hosts = List.copyOf(hosts);
        upstreams = List.copyOf(upstreams);
    }

    public AppRoute(String app, List<String> hosts, List<Upstream> upstreams) {
        this(app, hosts, upstreams, null);
    }
}
