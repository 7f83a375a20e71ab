package win.pvdify.routing;

import java.util.List;

/** Where the engine sends an app's traffic. Implemented over Caddy's admin API. */
public interface TrafficSwitch {

    /** Routes these hosts to exactly these upstreams (replaces the app's route). Empty upstreams = 503 page. */
    void route(String app, List<String> hosts, List<Upstream> upstreams);

    /** Removes the app's route entirely. */
    void remove(String app);
}
