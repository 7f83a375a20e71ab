package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import win.pvdify.logs.LogLine;
import win.pvdify.logs.PodmanLogSource;
import win.pvdify.systemd.EnvFiles;
import win.pvdify.testing.Cmd;
import win.pvdify.testing.Poll;
import win.pvdify.testing.PodmanService;

/** The fallback supervisor and Podman logs against a real `podman system service` (no systemd). */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PodmanSupervisorIT {
    static final String GREETING = "he said \"hi\" $HOME #x \\ 'q' %n ; `id`  ";
    static PodmanService service;
    static PodmanSocketApi api;
    static PodmanSupervisor supervisor;
    static EnvFiles envFiles;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        service = PodmanService.start("sup");
        api = new PodmanSocketApi(service.socket());
        envFiles = new EnvFiles(Path.of("/run/pvdify-rt-sup/env"));
        supervisor = new PodmanSupervisor(api, envFiles, 2, 5);
        supervisor.startWatcher(Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        if (api != null) {
            api.close();
        }
        if (service != null) {
            service.close();
        }
    }

    static DynoSpec spec(String app, String type, String image, Integer hostPort, Map<String, String> env) {
        DynoName name = new DynoName(app, type, 1, 1);
        Path envFile = envFiles.write(name, env);
        return new DynoSpec(app, 1, type, 1, image, null, hostPort, 5000, envFile, 128, 0.5, false);
    }

    static String body(int port, String path) {
        try {
            var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
    void webDynoServesConfigSurvivesAKillAndIsRemovedCompletely() {
        int port = 19270;
        DynoSpec spec = spec("rtpweb", "web", "localhost/pvdify-test/web:2", port,
                Map.of("PORT", "5000", "GREETING", GREETING));
        String name = DynoName.of(spec).container();
        supervisor.start(spec);
        assertEquals("pvdify-test web v2\n", Poll.until("web answers", Duration.ofSeconds(60), () -> body(port, "/")));
        assertEquals(GREETING, body(port, "/cgi-bin/env?GREETING"));
        DynoState up = state("rtpweb");
        assertEquals(Dyno.State.UP, up.state());
        assertEquals(port, up.hostPort());
        assertEquals(name, up.unit());
        supervisor.start(spec); // idempotent

        int pid = api.inspectContainer(name).orElseThrow().pid();
        Cmd.ok("kill", "-KILL", Integer.toString(pid));
        Poll.until("restarted after a kill", Duration.ofSeconds(120),
                () -> state("rtpweb").restarts() >= 1 && state("rtpweb").state() == Dyno.State.UP);
        assertEquals("pvdify-test web v2\n", Poll.until("web answers again", Duration.ofSeconds(60),
                () -> body(port, "/")));

        supervisor.remove(name);
        assertTrue(supervisor.list("rtpweb").isEmpty());
        assertTrue(api.inspectContainer(name).isEmpty());
        assertFalse(envFiles.exists(spec.envFile()));
        supervisor.remove(name); // idempotent
    }

    @Test
    void aDynoKilledThroughPodmanIsStartedAgainAndARemovedOneIsNot() {
        // Its own supervisor with the daemon's poll (events help only where the host's Podman streams them).
        try (PodmanSupervisor evented = new PodmanSupervisor(api, envFiles, 2, 5, "evented")) {
            evented.startWatcher(Duration.ofSeconds(2));
            int port = 19272;
            DynoSpec spec = spec("rtpevent", "web", "localhost/pvdify-test/web:1", port, Map.of("PORT", "5000"));
            String name = DynoName.of(spec).container();
            evented.start(spec);
            try {
                Poll.until("web answers", Duration.ofSeconds(60), () -> body(port, "/"));
                api.killContainer(name, "SIGKILL");
                Poll.until("down", Duration.ofSeconds(30), () -> body(port, "/") == null ? true : null);
                assertEquals("pvdify-test web v1\n", Poll.until("serves again", Duration.ofSeconds(30),
                        () -> body(port, "/")));
            } finally {
                evented.remove(name);
            }
            assertTrue(api.inspectContainer(name).isEmpty(), "a removed dyno is not brought back");
        }
    }

    @Test
    void runningDynosHaveUsageAndAGoneOneDoesNotHideTheOthers() {
        DynoSpec spec = spec("rtpusage", "worker", "localhost/pvdify-test/worker:latest", null, Map.of());
        supervisor.start(spec);
        try {
            DynoState up = Poll.until("worker up", Duration.ofSeconds(60),
                    () -> state("rtpusage").state() == Dyno.State.UP ? state("rtpusage") : null);
            String gone = "0".repeat(64);
            Map<String, win.pvdify.dyno.DynoUsage.Usage> used =
                    new PodmanDynoUsage(api).sample(List.of(up.containerId(), gone));
            assertEquals(java.util.Set.of(up.containerId()), used.keySet(), used.toString());
            assertTrue(used.get(up.containerId()).memoryBytes() > 0, used.toString());
            assertTrue(used.get(up.containerId()).cpuPercent() >= 0, used.toString());
        } finally {
            supervisor.remove(DynoName.of(spec).container());
        }
    }

    @Test
    void crashingImageEndsCrashedWithinTheRetryBudget() {
        DynoSpec spec = spec("rtpcrash", "web", "localhost/pvdify-test/crash:latest", 19271, Map.of("PORT", "5000"));
        supervisor.start(spec);
        DynoState crashed = Poll.until("crashed", Duration.ofSeconds(120),
                () -> state("rtpcrash").state() == Dyno.State.CRASHED ? state("rtpcrash") : null);
        assertTrue(crashed.restarts() <= 3, crashed.toString());
        List<String> last = supervisor.lastLogLines(crashed.unit(), 50);
        assertTrue(last.stream().anyMatch(l -> l.contains("crash: exiting")), last.toString());
        supervisor.remove(crashed.unit());
        assertTrue(supervisor.list("rtpcrash").isEmpty());
    }

    @Test
    void aReleaseEnvFileStaysUntilItsLastDynoIsRemoved() {
        Path env = envFiles.write("rtpshare", 1, Map.of("PORT", "5000"));
        DynoSpec one = new DynoSpec("rtpshare", 1, "worker", 1, "localhost/pvdify-test/worker:latest", null, null,
                5000, env, null, null, false);
        DynoSpec two = new DynoSpec("rtpshare", 1, "worker", 2, "localhost/pvdify-test/worker:latest", null, null,
                5000, env, null, null, false);
        supervisor.start(one);
        supervisor.start(two);
        supervisor.remove(DynoName.of(one).container());
        assertTrue(envFiles.exists(env), "still used by worker.2");
        supervisor.remove(DynoName.of(two).container());
        assertFalse(envFiles.exists(env));
    }

    @Test
    void reviveStartsDynosThatExistButDoNotRun() {
        DynoSpec spec = spec("rtprevive", "worker", "localhost/pvdify-test/worker:latest", null, Map.of());
        String name = DynoName.of(spec).container();
        supervisor.start(spec);
        try {
            api.stopContainer(name, 1); // as after a reboot: the container exists, nothing runs it
            assertFalse(api.inspectContainer(name).orElseThrow().running());
            assertTrue(supervisor.revive() >= 1);
            assertTrue(api.inspectContainer(name).orElseThrow().running());
            assertEquals(Dyno.State.UP, state("rtprevive").state());
        } finally {
            supervisor.remove(name);
        }
    }

    @Test
    void podmanLogsAreExactlyThisAppsAndCanBeFollowed() throws Exception {
        DynoSpec a = spec("rtplog", "worker", "localhost/pvdify-test/worker:latest", null, Map.of());
        DynoSpec b = spec("rtplog-2", "worker", "localhost/pvdify-test/worker:latest", null, Map.of());
        supervisor.start(a);
        supervisor.start(b);
        var logs = new PodmanLogSource(api);
        try {
            List<LogLine> lines = Poll.until("worker lines", Duration.ofSeconds(60), () -> {
                List<LogLine> got = new CopyOnWriteArrayList<>();
                logs.read("rtplog", null, 3, false, got::add);
                return got.size() >= 2 ? got : null;
            });
            assertTrue(lines.size() <= 3);
            assertTrue(lines.stream().allMatch(l -> l.dyno().equals("worker.1") && l.text().startsWith("worker tick")),
                    lines.toString());
            List<LogLine> web = new CopyOnWriteArrayList<>();
            logs.read("rtplog", "web", 10, false, web::add);
            assertTrue(web.isEmpty());

            List<LogLine> followed = new CopyOnWriteArrayList<>();
            class Enough extends RuntimeException {
            }
            try {
                logs.read("rtplog", null, 1, true, l -> {
                    followed.add(l);
                    if (followed.size() >= 3) {
                        throw new Enough();
                    }
                });
            } catch (Enough expected) {
                // the consumer ended the stream
            }
            assertEquals(3, followed.size());

            Thread reader = new Thread(() -> logs.read("rtplog", null, 1, true, l -> { }));
            reader.start();
            reader.interrupt();
            reader.join(30_000);
            assertFalse(reader.isAlive());
        } finally {
            supervisor.remove(DynoName.of(a).container());
            supervisor.remove(DynoName.of(b).container());
        }
    }
}
