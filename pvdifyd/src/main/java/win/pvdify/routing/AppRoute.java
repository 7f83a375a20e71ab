package win.pvdify.routing;

import java.util.List;

/** An app's route as the engine wants it: hosts (default first, then custom domains) to these upstreams. */
public record AppRoute(String app, List<String> hosts, List<Upstream> upstreams) {
    public AppRoute {
        hosts = List.copyOf(hosts);
        upstreams = List.copyOf(upstreams);
    }
}
