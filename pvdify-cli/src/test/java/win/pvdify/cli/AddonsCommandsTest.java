package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import win.pvdify.Daemon;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonContainer;
import win.pvdify.addon.AddonContainers;
import win.pvdify.addon.AddonRuntime;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;

/**
 * addons, addons:create, :info, :attach, :detach, :restart, :destroy against the real daemon (a recording add-on
 * runtime behind it; the Podman one is AddonFallbackIT's).
 */
class AddonsCommandsTest extends WithRealDaemon {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    Consumer<Daemon.Builder> wiring() {
        return super.wiring().andThen(b -> b.addonShell(p -> (container, cmd, in, out) -> {
            // pg_dump writes a dump, pg_restore reads it all: the encryption and files around them are real.
            try {
                if (cmd.get(0).equals("pg_dump")) {
                    out.write("PGDMP fake dump of kept".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    calls.add("restore " + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new win.pvdify.addon.AddonShell.Result(0, "");
        }).addons(p -> new AddonRuntime() {
            @Override
            public AddonContainer container(Addon addon, String password) {
                return AddonContainers.of(addon, password, LogDriver.K8S_FILE, RestartPolicy.onFailure(5),
                        Path.of("/run/pvdify/env/x.env"));
            }

            @Override
            public String network(String app) {
                return "pvdify-" + app;
            }

            @Override
            public void apply(AddonContainer c) {
                calls.add("apply " + c.spec().name() + " " + c.networks().keySet());
            }

            @Override
            public void revive(AddonContainer container) {
            }

            @Override
            public void restart(String container) {
                calls.add("restart " + container);
            }

            @Override
            public void destroy(String container, String volume) {
                calls.add("destroy " + container + " " + volume);
            }

            @Override
            public String state(String container) {
                return "running";
            }

            @Override
            public String subnet(String network, String app) {
                return "10.213." + (app.equals("my-app") ? 1 : 2) + ".0/24";
            }
        }));
    }

    @Test
    void createListInfoAttachDetachDestroy() {
        CliRun.Result create = cli.run("addons:create", "postgres", "-a", "my-app");
        assertEquals(0, create.code(), create.toString());
        assertTrue(create.out().contains("my-app-postgres"), create.out());
        assertTrue(create.out().contains("DATABASE_URL (my-app)"), create.out());
        assertTrue(create.out().contains("postgres://pvdify:*****@10.213.1.254:5432/pvdify"), create.out());
        assertEquals(List.of("apply pvdify-addon-my-app-postgres [pvdify-my-app]"), calls);

        CliRun.Result list = cli.run("addons");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("my-app-postgres") && list.out().contains("running"), list.out());

        assertEquals(0, cli.run("apps:create", "other").code());
        CliRun.Result attach = cli.run("addons:attach", "my-app-postgres", "-a", "other", "--as", "shared");
        assertEquals(0, attach.code(), attach.toString());
        assertTrue(attach.out().contains("SHARED_URL (other)"), attach.out());
        CliRun.Result json = cli.run("addons", "-a", "other", "--json");
        assertTrue(json.out().contains("\"var\" : \"SHARED_URL\"") || json.out().contains("\"var\": \"SHARED_URL\""),
                json.out());
        assertEquals(0, cli.run("addons:detach", "my-app-postgres", "-a", "other").code());
        assertEquals(0, cli.run("addons:restart", "my-app-postgres").code());
        assertEquals("restart pvdify-addon-my-app-postgres", calls.getLast());

        CliRun.Result refused = cli.run("addons:destroy", "my-app-postgres");
        assertFalse(refused.code() == 0, refused.toString());
        assertTrue(refused.err().contains("--confirm"), refused.toString());
        CliRun.Result wrong = cli.run("addons:destroy", "my-app-postgres", "--confirm", "my-app");
        assertFalse(wrong.code() == 0, wrong.toString());
        CliRun.Result destroy = cli.run("addons:destroy", "my-app-postgres", "--confirm", "my-app-postgres");
        assertEquals(0, destroy.code(), destroy.toString());
        assertEquals("destroy pvdify-addon-my-app-postgres pvdify-addon-my-app-postgres-data", calls.getLast());
        assertTrue(cli.run("addons").out().contains("no add-ons"));
    }

    @Test
    void backupsCaptureListDownloadRestore() throws Exception {
        assertEquals(0, cli.run("addons:create", "postgres", "-a", "my-app").code());
        CliRun.Result capture = cli.run("pg:backups:capture", "-a", "my-app");
        assertEquals(0, capture.code(), capture.toString());
        assertTrue(capture.out().contains("my-app-postgres Backups") && capture.out().contains("succeeded"),
                capture.out());
        CliRun.Result list = cli.run("pg:backups", "-a", "my-app", "--json");
        assertTrue(list.out().contains("\"state\" : \"succeeded\"") || list.out().contains("\"state\": \"succeeded\""),
                list.out());
        Path dump = home.resolve("out.dump");
        CliRun.Result download = cli.run("pg:backups:download", "1", "-a", "my-app", "-o", dump.toString());
        assertEquals(0, download.code(), download.toString());
        assertEquals("PGDMP fake dump of kept", java.nio.file.Files.readString(dump));
        CliRun.Result refused = cli.run("pg:backups:restore", "1", "-a", "my-app");
        assertFalse(refused.code() == 0, refused.toString());
        CliRun.Result restore = cli.run("pg:backups:restore", "1", "-a", "my-app", "--confirm", "my-app");
        assertEquals(0, restore.code(), restore.toString());
        assertEquals("restore PGDMP fake dump of kept", calls.getLast());
        CliRun.Result missing = cli.run("pg:backups:restore", "99", "-a", "my-app", "--confirm", "my-app");
        assertEquals(3, missing.code(), missing.toString());
        CliRun.Result none = cli.run("pg:backups", "-a", "other-app");
        assertFalse(none.code() == 0, none.toString());
    }

    @Test
    void badInputIsReportedNotStackTraced() {
        CliRun.Result kind = cli.run("addons:create", "mysql", "-a", "my-app");
        assertEquals(true, kind.code() != 0, kind.toString());
        assertTrue(kind.err().contains("kind must be postgres or redis"), kind.toString());
        CliRun.Result version = cli.run("addons:create", "redis", "-a", "my-app", "--version", "99");
        assertTrue(version.err().contains("unknown redis version"), version.toString());
        CliRun.Result app = cli.run("addons:create", "redis", "-a", "no-such-app");
        assertTrue(app.err().contains("no app"), app.toString());
        CliRun.Result info = cli.run("addons:info", "Bad_Name");
        assertTrue(info.err().contains("no add-on"), info.toString());
        assertEquals(3, info.code(), info.toString());
        assertEquals(3, cli.run("addons:info", "../../etc/passwd").code());
        CliRun.Result psql = cli.run("pg:psql", "-a", "my-app");
        assertEquals(3, psql.code(), psql.toString());
        assertTrue(psql.err().contains("has no postgres add-on attached"), psql.toString());
        CliRun.Result noApp = cli.run("addons:create", "redis");
        assertEquals(2, noApp.code(), noApp.toString());
        for (CliRun.Result r : List.of(kind, version, app, info, psql, noApp)) {
            assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), r.toString());
        }
    }
}
