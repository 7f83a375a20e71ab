package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.logs.JournaldLogSource;
import win.pvdify.logs.LogLine;
import win.pvdify.testing.Poll;
import win.pvdify.testing.SystemdNamespace;

/** SystemdSupervisor and JournaldLogSource against a real systemd (in a namespace) running real Podman. */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SystemdSupervisorIT {
    static final String GREETING = "he said \"hi\" $HOME #x \\ 'q' %n ; `id`  ";
    static SystemdNamespace ns;
    static SystemdSupervisor supervisor;
    static EnvFiles envFiles;
    static JournaldLogSource logs;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void boot() {
        ns = SystemdNamespace.start(System.getProperty("pvdify.it.ns", "rtsd"));
        var runner = new ProcessRunner(ns.prefix());
        var settings = UnitSettings.defaults().withRestart(1, 120, 3);
        supervisor = new SystemdSupervisor(new SystemctlCli(runner), new Journalctl(runner), settings,
                SystemdSupervisor.DEFAULT_UNIT_DIR, ns.root());
        supervisor.installTarget();
        envFiles = new EnvFiles(EnvFiles.DEFAULT_DIR, ns.root());
        logs = new JournaldLogSource(new Journalctl(runner));
    }

    @AfterAll
    static void shutdown() {
        if (ns != null) {
            ns.close();
        }
    }

    static DynoSpec spec(String app, String type, String image, Integer hostPort, Map<String, String> env) {
        DynoName name = new DynoName(app, type, 1, 1);
        Path envFile = envFiles.write(name, env);
        return new DynoSpec(app, 1, type, 1, image, null, hostPort, 5000, envFile, 128, 0.5, false);
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String body(int port, String path) {
        try {
            var r = get(port, path);
            return r.statusCode() == 200 ? r.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static DynoState state(String app) {
        List<DynoState> l = supervisor.list(app);
        assertEquals(1, l.size(), l.toString());
        return l.get(0);
    }

    @Test
    void webDynoServesConfigSurvivesAKillAndIsRemovedCompletely() throws Exception {
        int port = 19260;
        DynoSpec spec = spec("rtweb", "web", "localhost/pvdify-test/web:1", port,
                Map.of("PORT", "5000", "GREETING", GREETING));
        String unit = DynoName.of(spec).unit();
        supervisor.start(spec);

        assertEquals("pvdify-test web v1\n", Poll.until("web answers", Duration.ofSeconds(60), () -> body(port, "/")));
        assertEquals(GREETING, body(port, "/cgi-bin/env?GREETING"));
        DynoState up = state("rtweb");
        assertEquals(Dyno.State.UP, up.state());
        assertEquals(port, up.hostPort());
        assertEquals(unit, up.unit());
        assertEquals(0, up.restarts());
        assertTrue(Files.isSymbolicLink(ns.root().resolve("etc/systemd/system/pvdify.target.wants/" + unit)),
                "enabled under pvdify.target");
        String unitText = Files.readString(ns.root().resolve("etc/systemd/system/" + unit));
        assertFalse(unitText.contains("he said"), "config values never appear in the unit");

        supervisor.start(spec); // idempotent
        assertEquals(Dyno.State.UP, state("rtweb").state());

        String pid = ns.exec("podman", "inspect", "--format", "{{.State.Pid}}", DynoName.of(spec).container())
                .out().strip();
        assertEquals(0, ns.exec("kill", "-KILL", pid).code());
        Poll.until("systemd restarted the dyno", Duration.ofSeconds(120),
                () -> state("rtweb").restarts() >= 1 && state("rtweb").state() == Dyno.State.UP);
        assertEquals("pvdify-test web v1\n", Poll.until("web answers again", Duration.ofSeconds(60),
                () -> body(port, "/")));

        List<String> last = supervisor.lastLogLines(unit, 20);
        assertTrue(last.stream().anyMatch(l -> l.contains("web v1 listening on 5000")), last.toString());

        supervisor.restart(unit);
        assertEquals(Dyno.State.UP, state("rtweb").state());
        assertEquals("pvdify-test web v1\n", Poll.until("web answers after restart", Duration.ofSeconds(60),
                () -> body(port, "/")));

        supervisor.remove(unit);
        assertTrue(supervisor.list("rtweb").isEmpty());
        assertFalse(Files.exists(ns.root().resolve("etc/systemd/system/" + unit)));
        assertFalse(Files.isSymbolicLink(ns.root().resolve("etc/systemd/system/pvdify.target.wants/" + unit)));
        assertFalse(envFiles.exists(spec.envFile()));
        assertNotEquals(0, ns.exec("podman", "container", "exists", DynoName.of(spec).container()).code());
        supervisor.remove(unit); // idempotent
    }

    @Test
    void hostileArgumentsReachTheContainerByteIdentical() {
        List<String> hostile = List.of("echo \"$HOME\" 100% ; rm -rf / \\ ok", ";", "%n", "${PATH}", "a b", "it's",
                "\\", "$", "%", "--privileged");
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                "for a; do printf '[%s]\\n' \"$a\"; done; exec sleep 100000", "sh"));
        command.addAll(hostile);
        DynoName name = new DynoName("rtargs", "worker", 1, 1);
        DynoSpec spec = new DynoSpec("rtargs", 1, "worker", 1, "localhost/pvdify-test/worker:latest", command, null,
                5000, envFiles.write(name, Map.of()), null, null, true);
        supervisor.start(spec);
        try {
            List<String> expected = hostile.stream().map(a -> "[" + a + "]").toList();
            Poll.until("argv printed", Duration.ofSeconds(60),
                    () -> supervisor.lastLogLines(name.unit(), 50).containsAll(expected));
            assertEquals(Dyno.State.UP, state("rtargs").state());
        } finally {
            supervisor.remove(name.unit());
        }
    }

    @Test
    void aReleaseEnvFileStaysUntilItsLastDynoIsRemoved() {
        Path env = envFiles.write("rtshare", 1, Map.of("PORT", "5000"));
        DynoSpec one = new DynoSpec("rtshare", 1, "worker", 1, "localhost/pvdify-test/worker:latest", null, null,
                5000, env, null, null, false);
        DynoSpec two = new DynoSpec("rtshare", 1, "worker", 2, "localhost/pvdify-test/worker:latest", null, null,
                5000, env, null, null, false);
        supervisor.start(one);
        supervisor.start(two);
        assertEquals(2, supervisor.list("rtshare").size());
        supervisor.remove(DynoName.of(one).unit());
        assertTrue(envFiles.exists(env), "still used by worker.2");
        supervisor.remove(DynoName.of(two).unit());
        assertFalse(envFiles.exists(env));
    }

    @Test
    void crashingImageEndsCrashedAfterALimitedNumberOfRestarts() {
        DynoSpec spec = spec("rtcrash", "web", "localhost/pvdify-test/crash:latest", 19261, Map.of("PORT", "5000"));
        supervisor.start(spec);
        DynoState crashed = Poll.until("crashed", Duration.ofSeconds(120),
                () -> state("rtcrash").state() == Dyno.State.CRASHED ? state("rtcrash") : null);
        assertTrue(crashed.restarts() <= 3, crashed.toString());
        List<String> last = supervisor.lastLogLines(crashed.unit(), 50);
        assertTrue(last.stream().anyMatch(l -> l.contains("crash: exiting")), last.toString());
        supervisor.restart(crashed.unit()); // a crashed unit can be restarted by hand
        supervisor.remove(crashed.unit());
        assertTrue(supervisor.list("rtcrash").isEmpty());
    }

    @Test
    void journaldLogsAreExactlyThisAppsAndCanBeFollowed() throws Exception {
        DynoSpec api = spec("rtlog", "worker", "localhost/pvdify-test/worker:latest", null, Map.of());
        DynoSpec other = spec("rtlog-2", "worker", "localhost/pvdify-test/worker:latest", null, Map.of());
        supervisor.start(api);
        supervisor.start(other);
        try {
            List<LogLine> lines = Poll.until("worker lines in the journal", Duration.ofSeconds(60), () -> {
                List<LogLine> got = new CopyOnWriteArrayList<>();
                logs.read("rtlog", null, 20, false, got::add);
                return got.size() >= 2 ? got : null;
            });
            assertTrue(lines.stream().allMatch(l -> l.dyno().equals("worker.1") && l.text().startsWith("worker tick")),
                    lines.toString());

            // Any local process may send an entry with this app's SYSLOG_IDENTIFIER and a dyno's CONTAINER_NAME;
            // only journald's _SYSTEMD_UNIT says where it came from: a forged line is never the app's.
            String dynoContainer = DynoName.of(api).container();
            var forged = ns.exec("sh", "-c", "printf 'MESSAGE=forged by a local process\nSYSLOG_IDENTIFIER=pvdify-rtlog\n"
                    + "CONTAINER_NAME=" + dynoContainer + "\n' | logger --journald");
            assertEquals(0, forged.code(), forged.toString());
            Poll.until("the forged entry in the journal", Duration.ofSeconds(30),
                    () -> ns.exec("journalctl", "--no-pager", "-o", "cat", "SYSLOG_IDENTIFIER=pvdify-rtlog")
                            .out().contains("forged by a local process") ? true : null);
            List<LogLine> after = new CopyOnWriteArrayList<>();
            logs.read("rtlog", null, 200, false, after::add);
            assertFalse(after.isEmpty());
            assertTrue(after.stream().noneMatch(l -> l.text().contains("forged")), after.toString());
            assertTrue(lines.size() <= 20);

            List<LogLine> web = new CopyOnWriteArrayList<>();
            logs.read("rtlog", "web", 20, false, web::add);
            assertTrue(web.isEmpty(), web.toString());
            logs.read("rtlog", "nosuchtype", 20, false, web::add);
            assertTrue(web.isEmpty(), web.toString());
            List<LogLine> workers = new CopyOnWriteArrayList<>();
            logs.read("rtlog", "worker", 5, false, workers::add);
            assertFalse(workers.isEmpty());

            // follow: new lines arrive; the stream ends when the consumer stops
            List<LogLine> followed = new CopyOnWriteArrayList<>();
            class Enough extends RuntimeException {
            }
            try {
                logs.read("rtlog", null, 0, true, l -> {
                    followed.add(l);
                    if (followed.size() >= 2) {
                        throw new Enough();
                    }
                });
            } catch (Enough expected) {
                // the consumer stopped the stream
            }
            assertEquals(2, followed.size());

            // follow stops on interruption too
            Thread reader = new Thread(() -> logs.read("rtlog", null, 1, true, l -> { }));
            reader.start();
            reader.interrupt();
            reader.join(30_000);
            assertFalse(reader.isAlive());
        } finally {
            supervisor.remove(DynoName.of(api).unit());
            supervisor.remove(DynoName.of(other).unit());
        }
    }
}
