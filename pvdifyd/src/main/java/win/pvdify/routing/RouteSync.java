package win.pvdify.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import win.pvdify.api.StatusCheck;

/**
 * Keeps the router's app routes equal to what pvdifyd wants, whatever happens to the router.
 *
 * <p>It is the TrafficSwitch the engine uses: every route()/remove() call records the app's wanted route (the
 * latest call wins, whether or not it reached the router) and passes it on. On start() the wanted routes are seeded
 * from the supplier (apps from the store with their hosts and running web dynos). A background check then compares
 * the router's route ids with the wanted ones every checkEvery and pushes what is missing (a restarted or reloaded
 * Caddy has none of them), removes pvdify routes of apps that are gone, and re-pushes routes whose last push failed.
 *
 * <p>Router down: route()/remove() throw RoutingException after the admin timeout (never block for longer), the
 * status turns degraded with the reason, and the check retries with backoff (1 s doubling to 30 s) until the
 * router answers again, then pushes every wanted route. Callers keep working; a deploy whose switch threw should
 * fail the release with the exception's message and call route() again with the upstreams that really serve.
 *
 * <p>Maintenance mode: every route() asks the MaintenancePages (the store) whether the app is in maintenance and
 * pushes its page instead of the proxy; the upstreams are kept, so deploys go on underneath and turning it off
 * serves the newest release at once. Changing the mode is one more route() of the app (AppRuntime.refreshRoutes).
 */
public final class RouteSync implements TrafficSwitch, DomainLookup, AutoCloseable {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final RouteTable router;
    private final Supplier<List<AppRoute>> seed;
    private final MaintenancePages maintenance;
    private final Duration checkEvery;
    private final Clock clock;
    private final Map<String, AppRoute> wanted = new LinkedHashMap<>();
    private final Set<String> removed = new HashSet<>();
    private final Set<String> dirty = new HashSet<>();
    private final Map<String, Set<Upstream>> ejected = new HashMap<>();
    private ScheduledExecutorService loop;
    private boolean holding;
    private volatile StatusCheck status = new StatusCheck("caddy", StatusCheck.DEGRADED, "routes not pushed yet");
    private Instant downSince;
    private Duration backoff = Duration.ofSeconds(1);

    /**
     * seed: every app's route as the store and the running dynos say (read once, on start); maintenance: which apps
     * answer a maintenance page (asked at every route()).
     */
    public RouteSync(RouteTable router, Supplier<List<AppRoute>> seed, MaintenancePages maintenance,
                     Duration checkEvery, Clock clock) {
        this.router = router;
        this.seed = seed;
        this.maintenance = maintenance;
        this.checkEvery = checkEvery;
        this.clock = clock;
    }

    public RouteSync(RouteTable router, Supplier<List<AppRoute>> seed, Duration checkEvery, Clock clock) {
        this(router, seed, MaintenancePages.NONE, checkEvery, clock);
    }

    public RouteSync(RouteTable router, Supplier<List<AppRoute>> seed, MaintenancePages maintenance) {
        this(router, seed, maintenance, Duration.ofSeconds(5), Clock.systemUTC());
    }

    public RouteSync(RouteTable router, Supplier<List<AppRoute>> seed) {
        this(router, seed, MaintenancePages.NONE);
    }

    /**
     * Until start(): route()/remove() only record what is wanted, and start() pushes it all in one router change.
     * Start-up recovery routes every app; pushed one by one, that was one Caddy reload per app.
     */
    public synchronized void hold() {
        holding = true;
    }

    /**
     * Seeds the wanted routes, ends hold() and starts the background check; the first push happens at once (not
     * blocking; call reconcileNow() to wait for it).
     */
    public synchronized void start() {
        holding = false;
        if (loop != null) {
            return;
        }
        seedWanted();
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pvdify-route-sync");
            t.setDaemon(true);
            return t;
        });
        loop.execute(this::tick);
    }

    @Override
    public void route(String app, List<String> hosts, List<Upstream> upstreams) {
        AppRoute route = new AppRoute(app, hosts, upstreams, maintenance.of(app).orElse(null));
        CaddyRoutes.render(route, RouteSettings.defaults()); // bad input fails here, before it becomes wanted
        synchronized (this) {
            wanted.put(app, route);
            removed.remove(app);
            Set<Upstream> out = ejected.get(app);
            if (out != null) {
                out.retainAll(route.upstreams()); // a dyno that left the route is no longer ejected
            }
            dirty.add(app);
            if (holding) {
                return;
            }
            push(() -> router.route(served(route)));
            dirty.remove(app);
        }
    }

    @Override
    public void eject(String app, Upstream upstream) {
        synchronized (this) {
            AppRoute route = wanted.get(app);
            if (route == null || !route.upstreams().contains(upstream)
                    || !ejected.computeIfAbsent(app, a -> new HashSet<>()).add(upstream)) {
                return;
            }
            dirty.add(app);
            push(() -> router.route(served(route)));
            dirty.remove(app);
        }
    }

    @Override
    public void readmit(String app, Upstream upstream) {
        synchronized (this) {
            Set<Upstream> out = ejected.get(app);
            AppRoute route = wanted.get(app);
            if (out == null || !out.remove(upstream) || route == null) {
                return;
            }
            dirty.add(app);
            push(() -> router.route(served(route)));
            dirty.remove(app);
        }
    }

    /** The upstreams the router gets: the wanted ones without those liveness took out. */
    private AppRoute served(AppRoute route) {
        Set<Upstream> out = ejected.get(route.app());
        if (out == null || out.isEmpty()) {
            return route;
        }
        return new AppRoute(route.app(), route.hosts(),
                route.upstreams().stream().filter(u -> !out.contains(u)).toList(), route.maintenance());
    }

    @Override
    public void remove(String app) {
        synchronized (this) {
            wanted.remove(app);
            ejected.remove(app);
            dirty.remove(app);
            removed.add(app);
            if (holding) {
                return;
            }
            push(() -> router.remove(app));
            removed.remove(app);
        }
    }

    /** True when the host is one of the wanted routes' hosts (answers Caddy's on-demand TLS ask). */
    @Override
    public synchronized boolean isRouted(String hostname) {
        return wanted.values().stream().anyMatch(r -> r.hosts().stream().anyMatch(h -> h.equalsIgnoreCase(hostname)));
    }

    /** For GET /status: name "caddy", state ok or degraded, and why. */
    public StatusCheck status() {
        return status;
    }

    /**
     * One comparison of wanted and actual routes, fixing what differs; returns normally when the router is in sync.
     * The background check calls it; tests and the lead's "re-push now" can too.
     */
    public synchronized void reconcileNow() {
        List<String> ids;
        try {
            ids = router.routeIds();
        } catch (RoutingException e) {
            fail(e);
            throw e;
        }
        Set<String> present = new HashSet<>(ids);
        List<RoutingException> refused = new ArrayList<>();
        for (String id : ids) {
            String app = CaddyRoutes.appOf(id);
            if (app != null && !wanted.containsKey(app)) {
                removed.add(app);
            }
        }
        List<AppRoute> stale = wanted.values().stream()
                .filter(r -> dirty.contains(r.app()) || !present.contains(CaddyRoutes.id(r.app()))).toList();
        if (removed.size() + stale.size() > 1) {
            // More than one change (start-up, a restarted Caddy): one router change instead of one per app.
            List<AppRoute> all = wanted.values().stream().map(this::served).toList();
            attempt(refused, () -> router.replaceAll(all), () -> {
                removed.clear();
                dirty.clear();
            });
        } else {
            for (String app : List.copyOf(removed)) {
                attempt(refused, () -> router.remove(app), () -> removed.remove(app));
            }
            for (AppRoute r : stale) {
                attempt(refused, () -> router.route(served(r)), () -> dirty.remove(r.app()));
            }
        }
        if (!refused.isEmpty()) {
            status = new StatusCheck("caddy", StatusCheck.DEGRADED, refused.size() + " route change(s) refused: "
                    + refused.getFirst().getMessage());
            throw refused.getFirst();
        }
        ok();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }

    // package-private: tests seed without starting the background check
    synchronized void seedWanted() {
        List<AppRoute> routes;
        try {
            routes = seed.get();
        } catch (RuntimeException e) {
            status = new StatusCheck("caddy", StatusCheck.DEGRADED, "cannot read the apps' routes: " + e.getMessage());
            return;
        }
        for (AppRoute r : routes) {
            if (!wanted.containsKey(r.app()) && !removed.contains(r.app())) {
                wanted.put(r.app(), r);
            }
        }
    }

    private void tick() {
        Duration next = checkEvery;
        try {
            reconcileNow();
            backoff = Duration.ofSeconds(1);
        } catch (RoutingException e) {
            next = e.unreachable() ? backoff : checkEvery;
            if (e.unreachable()) {
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                status = new StatusCheck("caddy", StatusCheck.DEGRADED, status.detail() + "; retrying in "
                        + next.toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            status = new StatusCheck("caddy", StatusCheck.DEGRADED, "route check failed: " + e);
        }
        schedule(next);
    }

    private void catchUp() {
        try {
            reconcileNow();
        } catch (RuntimeException e) {
            // the regular check retries and reports
        }
    }

    private synchronized void schedule(Duration delay) {
        if (loop != null) {
            loop.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void push(Runnable change) {
        try {
            change.run();
        } catch (RoutingException e) {
            if (e.unreachable()) {
                fail(e);
            }
            throw e;
        }
        if (downSince != null) {
            // The router answers again: let the check push what it missed, now rather than after the backoff.
            ScheduledExecutorService l = loop;
            if (l != null) {
                try {
                    l.execute(this::catchUp);
                } catch (RejectedExecutionException closed) {
                    // closing: nothing to catch up
                }
            }
        }
    }

    private void attempt(List<RoutingException> refused, Runnable change, Runnable onSuccess) {
        try {
            change.run();
            onSuccess.run();
        } catch (RoutingException e) {
            if (e.unreachable()) {
                fail(e);
                throw e;
            }
            refused.add(e);
        }
    }

    private void fail(RoutingException e) {
        if (!e.unreachable()) {
            status = new StatusCheck("caddy", StatusCheck.DEGRADED, e.getMessage());
            return;
        }
        if (downSince == null) {
            downSince = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        }
        status = new StatusCheck("caddy", StatusCheck.DEGRADED, e.getMessage() + " since " + downSince
                + "; apps keep running, routes are pushed when it answers again");
    }

    private void ok() {
        downSince = null;
        status = new StatusCheck("caddy", StatusCheck.OK, wanted.size() + " app route(s) in sync with "
                + router.describe());
    }
}
