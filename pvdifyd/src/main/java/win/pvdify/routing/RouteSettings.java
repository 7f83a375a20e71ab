package win.pvdify.routing;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How Caddy balances and retries an app's upstreams.
 * policy: Caddy selection policy (round_robin, least_conn, random, first).
 * tryDuration/tryInterval: how long Caddy keeps retrying to reach an upstream (dial failures) before answering an
 * error, so a request that arrives while dynos are switched waits instead of failing.
 * failDuration/maxFails: passive health checks; an upstream that failed maxFails times within failDuration is
 * skipped for that long. unhealthyStatus: answer codes that also count as failures (empty = only transport errors,
 * so an app's own 500 never takes its dyno out of the rotation).
 */
public record RouteSettings(String policy, Duration tryDuration, Duration tryInterval, Duration failDuration,
                            int maxFails, List<Integer> unhealthyStatus) {

    private static final Set<String> POLICIES = Set.of("round_robin", "least_conn", "random", "first");

    public RouteSettings {
        if (!POLICIES.contains(policy)) {
            throw new IllegalArgumentException("load balancing policy must be one of " + POLICIES.stream().sorted()
                    .toList() + ", got '" + policy + "'");
        }
        positive("try duration", tryDuration);
        positive("try interval", tryInterval);
        positive("fail duration", failDuration);
        if (maxFails < 1) {
            throw new IllegalArgumentException("max fails must be at least 1");
        }
        unhealthyStatus = List.copyOf(unhealthyStatus);
        for (int s : unhealthyStatus) {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("unhealthy status must be an HTTP status code, got " + s);
            }
        }
    }

    public static RouteSettings defaults() {
        return new RouteSettings("round_robin", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(2),
                1, List.of());
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
