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
    /** Boot mode for pvdify-env.service: write every current release's env file, then exit. */
    static final String WRITE_ENV_FILES = "--write-env-files";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // jOOQ's banner and tips are noise in a daemon's journal.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        boolean writeEnvFiles = java.util.Arrays.asList(args).contains(WRITE_ENV_FILES);
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals(WRITE_ENV_FILES)).toArray(String[]::new);
        DaemonConfig config;
        try {
            config = DaemonConfigLoader.load(rest, System.getenv());
        } catch (DaemonConfigLoader.BadConfig e) {
            System.err.println("pvdifyd: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (writeEnvFiles) {
            System.exit(EnvFilesAtBoot.write(config, System.out, System.err));
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

    /** Every real effect: Cloudflare here; supervisor, engine, routes and recovery in DaemonEffects. */
    static Daemon.Builder wire(Daemon.Builder builder, DaemonConfig config) {
        CloudflareHttp cf = config.cloudflareToken() == null ? null
                : new CloudflareHttp(URI.create(config.cloudflareBaseUrl()), config.cloudflareToken(),
                        Duration.ofSeconds(15));
        builder.dnsProvider(p -> cf)
                .domainHook(p -> new DnsDomainHook(cf == null ? null : new CloudflareDomainDns(cf, config.baseDomain())))
                .statusProbe(p -> cf != null ? cf::status
                        : () -> new StatusCheck("cloudflare", StatusCheck.NOT_CONFIGURED, "no CLOUDFLARE_API_TOKEN"));
        return DaemonEffects.wire(builder, config);
    }
}
