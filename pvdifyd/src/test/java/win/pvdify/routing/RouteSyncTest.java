package win.pvdify.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.StatusCheck;

/** RouteSync against a recording router; reconcileNow() drives the check so nothing depends on timing. */
class RouteSyncTest {
    private final RecordingRouteTable router = new RecordingRouteTable();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:30:00Z"), ZoneOffset.UTC);
    private final AppRoute web = new AppRoute("web", List.of("web.paas.test"), List.of(new Upstream("127.0.0.1", 30001)));
    private final AppRoute shop = new AppRoute("shop", List.of("shop.paas.test", "shop.example"), List.of());

    private RouteSync sync() {
        return new RouteSync(router, () -> List.of(web, shop), Duration.ofHours(1), clock);
    }

    @Test
    void startPushesTheSeededRoutesInTheBackground() throws InterruptedException {
        try (RouteSync sync = sync()) {
            sync.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!sync.status().state().equals(StatusCheck.OK) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(StatusCheck.OK, sync.status().state(), sync.status().detail());
            assertEquals(List.of("pvdify-app-web", "pvdify-app-shop"), router.routeIds());
            assertEquals(StatusCheck.OK, sync.status().state());
            assertTrue(sync.isRouted("shop.example"));
            assertFalse(sync.isRouted("other.example"));
        }
    }

    @Test
    void rePushesEverythingAfterTheRouterRestarted() {
        try (RouteSync sync = sync()) {
            sync.seedWanted();
            sync.reconcileNow();
            sync.route("web", List.of("web.paas.test"), List.of(new Upstream("127.0.0.1", 30002)));
            router.restart();
            router.calls.clear();
            sync.reconcileNow();
            assertEquals(List.of("ids", "replace web shop"), router.calls, "every missing route in one change");
            assertEquals(30002, router.routes.get("pvdify-app-web").upstreams().getFirst().port());
            router.calls.clear();
            sync.reconcileNow();
            assertEquals(List.of("ids"), router.calls, "in sync: only the check");
        }
    }

    @Test
    void heldRoutesArePushedAsOneChangeAtStart() {
        router.route("ghost", List.of("ghost.paas.test"), List.of());
        router.calls.clear();
        try (RouteSync sync = new RouteSync(router, List::of, Duration.ofHours(1), clock)) {
            sync.hold();
            sync.route("web", web.hosts(), web.upstreams());
            sync.route("shop", shop.hosts(), shop.upstreams());
            sync.remove("old");
            assertEquals(List.of(), router.calls, "nothing pushed while held");
            assertTrue(sync.isRouted("web.paas.test"), "held routes answer the TLS ask already");
            sync.start();
            sync.reconcileNow();
            assertTrue(router.calls.contains("replace web shop"), router.calls.toString());
            assertEquals(1, router.calls.stream().filter(c -> !c.equals("ids")).count(), router.calls.toString());
            assertEquals(List.of("pvdify-app-web", "pvdify-app-shop"), router.routeIds());
        }
    }

    @Test
    void oneChangeStillGoesAlone() {
        try (RouteSync sync = sync()) {
            sync.seedWanted();
            sync.reconcileNow();
            router.routes.remove("pvdify-app-shop");
            router.calls.clear();
            sync.reconcileNow();
            assertEquals(List.of("ids", "route shop"), router.calls);
        }
    }

    @Test
    void removesRoutesOfAppsThatAreGone() {
        router.route("ghost", List.of("ghost.paas.test"), List.of());
        try (RouteSync sync = sync()) {
            sync.reconcileNow();
            assertEquals(List.of(), router.routeIds());
            sync.route("web", web.hosts(), web.upstreams());
            sync.remove("web");
            assertEquals(List.of(), router.routeIds());
        }
    }

    @Test
    void routerDownDegradesThrowsClearlyAndCatchesUpWhenBack() {
        try (RouteSync sync = sync()) {
            sync.seedWanted();
            sync.reconcileNow();
            router.down = true;
            RoutingException e = assertThrows(RoutingException.class,
                    () -> sync.route("web", web.hosts(), List.of(new Upstream("127.0.0.1", 30009))));
            assertTrue(e.unreachable());
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
            assertThrows(RoutingException.class, () -> sync.remove("shop"));
            assertEquals(StatusCheck.DEGRADED, sync.status().state());
            assertTrue(sync.status().detail().contains("since 2026-01-15T10:30:00Z"), sync.status().detail());
            assertThrows(RoutingException.class, sync::reconcileNow);

            router.down = false;
            sync.reconcileNow();
            assertEquals(StatusCheck.OK, sync.status().state());
            assertEquals(List.of("pvdify-app-web"), router.routeIds(), "shop removed, web re-pushed");
            assertEquals(30009, router.routes.get("pvdify-app-web").upstreams().getFirst().port(),
                    "the latest wanted upstreams win");
        }
    }

    @Test
    void refusesBadInputBeforeItBecomesWanted() {
        try (RouteSync sync = sync()) {
            assertThrows(IllegalArgumentException.class,
                    () -> sync.route("web", List.of("bad host"), List.of()));
            assertFalse(sync.isRouted("bad host"));
            assertTrue(router.calls.isEmpty());
        }
    }

    @Test
    void maintenanceIsAskedAtEveryRouteAndKeepsTheUpstreamsUnderneath() {
        java.util.Map<String, MaintenancePage> down = new java.util.concurrent.ConcurrentHashMap<>();
        try (RouteSync sync = new RouteSync(router, List::of, app -> java.util.Optional.ofNullable(down.get(app)),
                Duration.ofHours(1), clock)) {
            sync.route("web", List.of("web.paas.test"), List.of(new Upstream("127.0.0.1", 30001)));
            down.put("web", new MaintenancePage("back soon", 60));
            sync.route("web", List.of("web.paas.test"), List.of(new Upstream("127.0.0.1", 30001))); // mode on
            sync.route("web", List.of("web.paas.test"), List.of(new Upstream("127.0.0.1", 30002))); // a deploy
            AppRoute pushed = router.routes.get("pvdify-app-web");
            assertEquals(new MaintenancePage("back soon", 60), pushed.maintenance());
            assertEquals(30002, pushed.upstreams().getFirst().port(), "the deploy's upstreams are kept underneath");
            router.restart();
            sync.reconcileNow();
            assertEquals(new MaintenancePage("back soon", 60), router.routes.get("pvdify-app-web").maintenance(),
                    "a restarted router gets the maintenance page back");
            down.remove("web");
            sync.route("web", List.of("web.paas.test"), List.of(new Upstream("127.0.0.1", 30002))); // mode off
            assertEquals(null, router.routes.get("pvdify-app-web").maintenance());
            assertEquals(List.of("route web", "route web (maintenance)", "route web (maintenance)", "ids",
                    "route web (maintenance)", "route web"), router.calls);
        }
    }
}
