package win.pvdify.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import win.pvdify.Daemon;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.StatusCheck;
import win.pvdify.cloudflare.CloudflareDomainDns;
import win.pvdify.cloudflare.CloudflareHttp;
import win.pvdify.cloudflare.DnsDomainHook;
import win.pvdify.fakes.FakeCloudflare;

/**
 * A test against the real pvdifyd (in-process, its data under target/test-data, the recording runtime behind
 * {@link GatedRuntime}) holding the app "my-app", with a CLI whose home is a temporary folder. The daemon's
 * clock stands at {@link #T0}, so the times it records (and the CLI shows) are known.
 */
abstract class WithRealDaemon {
    static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    /** The daemon's base domain (--dev): an app's default hostname is NAME.BASE_DOMAIN. */
    static final String BASE_DOMAIN = "pvdify.localhost";
    static final String CLOUDFLARE_TOKEN = "cf-test-token";

    @TempDir
    Path home;
    TestDaemon daemon;
    GatedRuntime runtime;
    CliRun cli;

    @BeforeEach
    void startDaemon() {
        AtomicReference<GatedRuntime> rt = new AtomicReference<>();
        daemon = new TestDaemon(b -> {
            b.clock(Clock.fixed(T0, ZoneOffset.UTC))
                    .supervisorKind("systemd")
                    .runtime(p -> {
                        rt.set(new GatedRuntime(p.ledger()));
                        return rt.get();
                    });
            wiring().accept(b);
        });
        runtime = rt.get();
        daemon.admin().createApp(new CreateApp("my-app", null));
        cli = cliAt(daemon.daemon.baseUrl());
    }

    /** More effects for this test class's daemon; by default what Main wires without a Cloudflare token. */
    Consumer<Daemon.Builder> wiring() {
        return b -> b.statusProbe(() -> new StatusCheck("cloudflare", StatusCheck.NOT_CONFIGURED,
                "no CLOUDFLARE_API_TOKEN"));
    }

    /** Cloudflare wired the way Main wires it, against a FakeCloudflare (the third-party API, faked at its edge). */
    static Consumer<Daemon.Builder> cloudflare(FakeCloudflare fake) {
        CloudflareHttp cf = new CloudflareHttp(URI.create(fake.baseUrl()), CLOUDFLARE_TOKEN, Duration.ofSeconds(5));
        return b -> b.dnsProvider(p -> cf)
                .domainHook(p -> new DnsDomainHook(new CloudflareDomainDns(cf, BASE_DOMAIN)))
                .statusProbe(p -> cf::status);
    }

    /** A CLI that talks to the daemon through the given URL (e.g. a proxy in front of it). */
    CliRun cliAt(String url) {
        CliRun r = new CliRun(home);
        r.env.put("PVDIFY_API_URL", url);
        r.env.put("PVDIFY_TOKEN", daemon.adminToken);
        return r;
    }

    /** The daemon's URL. */
    String url() {
        return daemon.daemon.baseUrl();
    }

    @AfterEach
    void stopDaemon() {
        runtime.open.countDown();
        daemon.close();
    }
}
