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

    private static final String USAGE = """
            Usage: pvdifyd [--dev] [--config FILE] [--OPTION VALUE | --OPTION=VALUE]... [--write-env-files]
                   pvdifyd backup --to FILE [OPTIONS]
                   pvdifyd restore FILE [--keyset KEYSET] [OPTIONS]

            Pvdify's control plane: REST API, store, engine. Settings, lowest precedence first: built-in defaults,
            the config file (/etc/pvdify/pvdifyd.yaml, `key: value` lines; --dev skips it), PVDIFY_<OPTION>
            environment variables (e.g. PVDIFY_BASE_DOMAIN), then flags.

              --dev                    development defaults: data in ./.pvdify-dev, no system config file
              --host / --port          where the API listens (127.0.0.1:9443)
              --data-dir               database, keyset and admin token (/var/lib/pvdify)
              --keyset-path            Tink keyset file (<data-dir>/keyset.json)
              --base-domain            apps answer at <app>.<base-domain> (pvdify.localhost)
              --podman-socket          Podman API socket (/run/podman/podman.sock)
              --caddy-admin-url        Caddy admin API (http://127.0.0.1:2019); `off` = no routing
              --caddy-server-name      Caddy server that gets the app routes (srv0)
              --cloudflare-token       Cloudflare API token (or CLOUDFLARE_API_TOKEN)
              --cloudflare-base-url    Cloudflare API base URL (or CLOUDFLARE_API_BASE_URL)
              --port-range             host ports for web dynos (20000-29999)
              --env-dir                dyno env files, on tmpfs (/run/pvdify/env)
              --unit-dir               dyno systemd units (/etc/systemd/system)
              --supervisor             auto | systemd | podman (auto)
              --max-body-bytes         request body limit (1048576)
              --env-shim               dynos' env shim binary (/usr/lib/pvdify/pvdify-env-shim; off)
              --network-prefix         app networks <prefix><app> (pvdify-; off, the default with --dev)
              --network-pool           subnets of app networks (10.213.0.0/16)
              --firewall-table         nftables table isolating app networks (pvdify; off, the default with --dev)
              --firewall-host-ports    host ports app networks may reach (80,443)
              --dyno-userns            auto | host (host)
              --dyno-pids-limit        per dyno (4096; off)
              --dyno-memory-mb         for apps without a memory setting (512; off)
              --dyno-cap-add           capabilities given back to dynos (none)
              --write-env-files        write every current release's env file, then exit (pvdify-env.service)

            backup --to FILE: the database and admin token in one file, encrypted with the keyset (safe while
            pvdifyd runs). The keyset is not in it: keep a copy of the keyset elsewhere, or the backup is useless.
            restore FILE [--keyset KEYSET]: fills a fresh data dir (no database yet) from a backup; KEYSET is the
            keyset it was made with (default: the data dir's). A wrong keyset or damaged file changes nothing.
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Helidon serves each request on a virtual thread. Podman calls go through jnr-unixsocket (native reads),
        // which pin the carrier thread for as long as Podman takes (a pull, a stop); with the default of one
        // carrier per core, two slow Podman calls on a 2-core host would stall every other request. More
        // carriers keep the API answering; long streams run on platform threads of their own.
        setIfAbsent("jdk.virtualThreadScheduler.parallelism", "64");
        setIfAbsent("jdk.virtualThreadScheduler.maxPoolSize", "256");
        // jOOQ's banner and tips are noise in a daemon's journal.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            System.exit(BackupCommand.run(args, System.getenv(), System.out, System.err));
            return;
        }
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

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
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
