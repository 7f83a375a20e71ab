package win.pvdify.firewall;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import win.pvdify.systemd.ProcessRunner;

/**
 * Loads pvdify's nftables table with `nft -f` (from a file under the runtime dir: ProcessRunner gives no stdin).
 * Rules do not survive a reboot: pvdifyd loads them at start and `pvdifyd --write-env-files` (pvdify-env.service)
 * at boot, before pvdify.target starts any dyno.
 */
public final class NftFirewall {
    private final ProcessRunner runner;
    private final Path runtimeDir;

    public NftFirewall(ProcessRunner runner, Path runtimeDir) {
        this.runner = runner;
        this.runtimeDir = runtimeDir;
    }

    /** Throws IllegalStateException with nft's message when the rules cannot be loaded. */
    public void load(String ruleset) {
        try {
            Files.createDirectories(runtimeDir);
            Path file = Files.createTempFile(runtimeDir, ".nft-", ".rules",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(file, ruleset);
                ProcessRunner.Result r = runner.run(Duration.ofSeconds(30), List.of("nft", "-f", file.toString()));
                if (!r.ok()) {
                    throw new IllegalStateException("nft refused the rules: " + r.err().strip());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the firewall rules: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("cannot run nft: " + e.getMessage(), e);
        }
    }

    /** Removes the table (tests; uninstall). */
    public void remove(String table) {
        runner.run(Duration.ofSeconds(30), List.of("nft", "delete", "table", "inet", table));
    }
}
