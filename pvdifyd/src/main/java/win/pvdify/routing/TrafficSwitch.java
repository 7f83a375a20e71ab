package win.pvdify.routing;

import java.util.List;

/** Where the engine sends an app's traffic. Implemented over Caddy's admin API. */
public interface TrafficSwitch {

    /** Routes these hosts to exactly these upstreams (replaces the app's route). Empty upstreams = 503 page. */
    void route(String app, List<String> hosts, List<Upstream> upstreams);

    /** Removes the app's route entirely. */
    void remove(String app);

    /**
     * Takes one upstream out of the app's route (a dyno failing liveness) until readmit; the route's other upstreams
     * keep serving. Later route() calls keep it out while it is still among their upstreams.
     */
    default void eject(String app, Upstream upstream) {
    }

    /** Puts an ejected upstream back into the app's route. */
    default void readmit(String app, Upstream upstream) {
    }

    /** For a host without a router (caddy-admin-url off): dynos run, nothing routes to them. */
    TrafficSwitch NONE = new TrafficSwitch() {
        @Override
        public void route(String app, List<String> hosts, List<Upstream> upstreams) {
        }

        @Override
        public void remove(String app) {
        }
    };
}
