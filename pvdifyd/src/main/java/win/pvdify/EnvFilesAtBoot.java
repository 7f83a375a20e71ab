package win.pvdify;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import win.pvdify.engine.DesiredApp;
import win.pvdify.secrets.SecretBox;
import win.pvdify.store.Store;
import win.pvdify.store.StoreLedger;
import win.pvdify.systemd.EnvFiles;

/**
 * `pvdifyd --write-env-files`, run by pvdify-env.service at boot: dyno env files live on tmpfs (decrypted config
 * never touches a persistent disk), so after a reboot they are gone while the dyno units come back with
 * pvdify.target. This writes the env file of every app's current release and exits; it needs no network,
 * Podman or Caddy, and reads the database beside a running pvdifyd safely (SQLite WAL).
 */
final class EnvFilesAtBoot {
    private EnvFilesAtBoot() {
    }

    static int write(DaemonConfig config, PrintStream out, PrintStream err) {
        // The firewall does not survive a reboot either, and dynos start right after this: load it first.
        if (config.isolation().firewallTable() != null) {
            out.println("pvdifyd: firewall: " + DaemonEffects.applyFirewall(config).detail());
        }
        if (!Files.exists(config.databaseFile())) {
            out.println("pvdifyd: no database at " + config.databaseFile() + "; no env files to write");
            return 0;
        }
        EnvFiles envFiles = new EnvFiles(config.envDir());
        int written = 0;
        int failed = 0;
        try (Store store = Store.open(config.databaseFile(), SecretBox.fromKeysetFile(config.keysetFile()),
                Clock.systemUTC())) {
            StoreLedger ledger = new StoreLedger(store);
            for (String app : ledger.appNames()) {
                try {
                    DesiredApp desired = ledger.desired(app).orElse(null);
                    if (desired == null || desired.image() == null || desired.release() == null) {
                        continue; // nothing deployed
                    }
                    envFiles.write(app, desired.release(), desired.env());
                    written++;
                } catch (RuntimeException e) {
                    failed++;
                    err.println("pvdifyd: env file of " + app + " not written: " + e.getMessage());
                }
            }
        }
        out.println("pvdifyd: wrote " + written + " env file(s) to " + config.envDir());
        return failed == 0 ? 0 : 1;
    }
}
