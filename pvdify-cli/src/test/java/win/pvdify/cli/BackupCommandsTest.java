package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.DaemonConfig;
import win.pvdify.TestDaemon;
import win.pvdify.backup.ControlPlaneBackup;

/** backup:create downloads a backup from the real daemon that pvdifyd restore turns back into the control plane. */
class BackupCommandsTest extends WithRealDaemon {
    @Test
    void aDownloadedBackupRestoresOntoAFreshDataDir() throws Exception {
        assertEquals(0, cli.run("config:set", "my-app", "SECRET_KEY=backup-cli-value").code());
        Path file = home.resolve("my.backup");
        CliRun.Result r = cli.run("backup:create", "-o", file.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Wrote " + file + " (1 app, 1 release, 1 token)."), r.out());
        assertTrue(r.out().contains("keep a copy of the keyset elsewhere"), r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("my-app"));

        CliRun.Result again = cli.run("backup:create", "-o", file.toString());
        assertEquals(ExitCodes.USAGE, again.code(), again.toString());

        CliRun ci = cliAt(url());
        ci.env.put("PVDIFY_TOKEN", daemon.admin().createToken(new win.pvdify.api.CreateToken("deploy", "my-app",
                null)).secret());
        Path denied = home.resolve("denied.backup");
        assertEquals(ExitCodes.UNAUTHORIZED, ci.run("backup:create", "-o", denied.toString()).code());
        assertFalse(Files.exists(denied), "a refused backup left a file");

        Path fresh = TestDaemon.newDataDir();
        ControlPlaneBackup.restore(DaemonConfig.forTests(fresh), file, daemon.dataDir.resolve("keyset.json"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (TestDaemon restored = new TestDaemon(fresh, b -> { })) {
            assertEquals(Map.of("SECRET_KEY", "backup-cli-value"), restored.admin().config("my-app").vars());
        }
    }
}
