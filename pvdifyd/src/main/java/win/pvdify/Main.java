package win.pvdify;

import java.util.concurrent.CountDownLatch;

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
        Daemon daemon = Daemon.builder(config).build().start();
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
}
