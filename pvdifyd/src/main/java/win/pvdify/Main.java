package win.pvdify;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import win.pvdify.api.StatusCheck;
import win.pvdify.cloudflare.CloudflareDomainDns;
import win.pvdify.cloudflare.CloudflareHttp;
import win.pvdify.cloudflare.DnsDomainHook;

/** pvdifyd: reads its configuration, starts the daemon, stops it on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // jOOQ's banner and tips are noise in a daemon's journal.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        DaemonConfig config;
        try {
            config = DaemonConfigLoader.load(args, System.getenv());
        } catch (DaemonConfigLoader.BadConfig e) {
            System.err.println("pvdifyd: " + e.getMessage());
            System.exit(2);
            return;
        }
        Daemon daemon = wire(Daemon.builder(config), config).build().start();
        System.out.println("pvdifyd " + BuildInfo.version() + " listening on " + daemon.baseUrl()
                + " (data in " + config.dataDir() + ")");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop();
            stopped.countDown();
        }, "pvdifyd-shutdown"));
        stopped.await();
    }

    /** The effects that exist so far; the engine, supervisor and Caddy routes are wired here as they land. */
    static Daemon.Builder wire(Daemon.Builder builder, DaemonConfig config) {
        CloudflareHttp cf = config.cloudflareToken() == null ? null
                : new CloudflareHttp(URI.create(config.cloudflareBaseUrl()), config.cloudflareToken(),
                        Duration.ofSeconds(15));
        builder.dnsProvider(p -> cf)
                .domainHook(p -> new DnsDomainHook(cf == null ? null : new CloudflareDomainDns(cf, config.baseDomain())))
                .statusProbe(p -> cf != null ? cf::status
                        : () -> new StatusCheck("cloudflare", StatusCheck.NOT_CONFIGURED, "no CLOUDFLARE_API_TOKEN"));
        return builder;
    }
}
