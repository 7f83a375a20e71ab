package win.pvdify.cli;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;

/**
 * A test against the real pvdifyd (in-process, its data under target/test-data, the recording runtime behind
 * {@link GatedRuntime}) holding the app "my-app", with a CLI whose home is a temporary folder.
 */
abstract class WithRealDaemon {
    @TempDir
    Path home;
    TestDaemon daemon;
    GatedRuntime runtime;
    CliRun cli;

    @BeforeEach
    void startDaemon() {
        AtomicReference<GatedRuntime> rt = new AtomicReference<>();
        daemon = new TestDaemon(b -> b.runtime(p -> {
            rt.set(new GatedRuntime(p.ledger()));
            return rt.get();
        }));
        runtime = rt.get();
        daemon.admin().createApp(new CreateApp("my-app", null));
        cli = cliAt(daemon.daemon.baseUrl());
    }

    /** A CLI that talks to the daemon through the given URL (e.g. a proxy in front of it). */
    CliRun cliAt(String url) {
        CliRun r = new CliRun(home);
        r.env.put("PVDIFY_API_URL", url);
        r.env.put("PVDIFY_TOKEN", daemon.adminToken);
        return r;
    }

    @AfterEach
    void stopDaemon() {
        runtime.open.countDown();
        daemon.close();
    }
}
