/**
 * Routing: one Caddy route per app (CaddyRoutes, pure, golden-tested), pushed through Caddy's admin API
 * (CaddyAdminHttp) and kept there by RouteSync, which is the TrafficSwitch the engine uses; TlsAsk answers Caddy's
 * on-demand TLS ask. Wiring (Main):
 * <pre>
 * var caddy = new CaddyAdminHttp(URI.create("http://127.0.0.1:2019"), "srv0", RouteSettings.defaults(),
 *         Duration.ofSeconds(5));
 * var routes = new RouteSync(caddy, () -> store.appRoutes());   // every app: default + custom hosts, web upstreams
 * // engine = new Engine(ledger, supervisor, routes, ...); Recovery re-routes every app through it
 * routes.start();                                                // background push + restart detection
 * routing.register("/tls", new TlsAskService(new TlsAsk(routes)));  // GET /tls/ask?domain=HOST, no auth
 * // GET /status: routes.status()  -> StatusCheck("caddy", ok | degraded, detail)
 * // on shutdown: routes.close()
 * </pre>
 */
package win.pvdify.routing;
