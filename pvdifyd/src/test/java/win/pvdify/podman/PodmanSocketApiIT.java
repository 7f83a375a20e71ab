package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.Limits;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.Security;
import win.pvdify.testing.LocalRegistry;
import win.pvdify.testing.Poll;
import win.pvdify.testing.PodmanService;

/** PodmanSocketApi against a real `podman system service` with its own storage. */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PodmanSocketApiIT {
    static PodmanService service;
    static PodmanSocketApi api;

    @BeforeAll
    static void start() throws Exception {
        service = PodmanService.start("api");
        api = new PodmanSocketApi(service.socket());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static PodmanCreateBody worker(String name) {
        return body(name, "localhost/pvdify-test/worker:latest", Map.of("GREETING", "hi"),
                Map.of("pvdify.app", "apitest", "pvdify.type", "worker"), new Limits(64, 0.5), true);
    }

    /** A plain container of the model (not a dyno); env stands for what an env file held. */
    private static PodmanCreateBody body(String name, String image, Map<String, String> env,
            Map<String, String> labels, Limits limits, boolean readOnly) {
        return PodmanCreateBody.render(new ContainerSpec(name, image, null, Path.of("/run/pvdify-rt-api/x.env"),
                new TreeMap<>(labels), List.of(), limits, new Security(true, readOnly), List.of(),
                RestartPolicy.NEVER, new LogDriver(LogDriver.K8S_FILE, null), true, 1), env);
    }

    @Test
    void pingsAndReportsItsVersion() {
        api.ping();
        assertTrue(api.version().version().startsWith("4."), api.version().toString());
    }

    @Test
    void anImageOverTheSizeLimitFailsItsPullAndIsRemovedAgain() {
        service.podman("tag", "localhost/pvdify-test/web:1", "localhost/e2esec-big/web:1");
        long size = api.inspectImage("localhost/pvdify-test/web:1").size();
        assertTrue(size > 1024 * 1024, "busybox is over a MiB: " + size);
        var puller = new PodmanImagePuller(api, r -> null, 1, 1024 * 1024);
        var e = assertThrows(PodmanException.class, () -> puller.pull("localhost/e2esec-big/web:1", l -> { }));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("larger than the limit of 1 MiB (max_image_bytes in pvdifyd.yaml);"
                + " it was removed again"), e.getMessage());
        assertFalse(api.imageExists("localhost/e2esec-big/web:1"));
        assertTrue(api.imageExists("localhost/pvdify-test/web:1"), "the image's other name stays");
        assertFalse(api.removeImage("localhost/e2esec-big/web:1"), "gone already");
        // within the limit: pulled as ever
        assertTrue(new PodmanImagePuller(api, r -> null, 1, size).pull("localhost/pvdify-test/web:1", l -> { })
                .startsWith("sha256:"));
    }

    @Test
    void inspectsLocalImages() {
        assertTrue(api.imageExists("localhost/pvdify-test/web:1"));
        assertFalse(api.imageExists("localhost/pvdify-test/nope:1"));
        ImageInfo i = api.inspectImage("localhost/pvdify-test/web:1");
        assertTrue(i.digest().startsWith("sha256:"), i.toString());
        var e = assertThrows(PodmanException.class, () -> api.inspectImage("localhost/pvdify-test/nope:1"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void unreachableSocketGivesAClearError() {
        try (var nowhere = new PodmanSocketApi(Path.of("/run/pvdify-rt-api/missing.sock"))) {
            var e = assertThrows(PodmanException.class, nowhere::ping);
            assertTrue(e.getMessage().contains("cannot reach Podman"), e.getMessage());
        }
    }

    @Test
    void pullsFromARegistryWithProgress() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "docker-registry is not installed");
        try (var registry = LocalRegistry.start()) {
            String ref = LocalRegistry.ADDRESS + "/pvdify-test/web:1";
            service.podman("push", "--tls-verify=false", "localhost/pvdify-test/web:1", ref);
            List<String> progress = new CopyOnWriteArrayList<>();
            ImageInfo pulled = api.pull(ref, new RegistryAuth("ci", "secret"), progress::add);
            assertTrue(pulled.digest().startsWith("sha256:"), pulled.toString());
            assertFalse(progress.isEmpty());
            var puller = new PodmanImagePuller(api, host -> null);
            assertEquals(pulled.digest(), puller.pull(ref, l -> { }));
            assertTrue(puller.pull("localhost/pvdify-test/web:1", l -> { }).startsWith("sha256:"));
            var e = assertThrows(PodmanException.class,
                    () -> api.pull(LocalRegistry.ADDRESS + "/pvdify-test/missing:1", null, l -> { }));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        }
    }

    @Test
    void pullsFromAPrivateRegistryOnlyWithItsLogin() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "docker-registry is not installed");
        try (var registry = LocalRegistry.startWithLogin("ci-user", "s3cret-pw")) {
            String ref = LocalRegistry.ADDRESS + "/private/web:1";
            service.podman("push", "--tls-verify=false", "--creds", "ci-user:s3cret-pw",
                    "localhost/pvdify-test/web:1", ref);

            var anonymous = assertThrows(PodmanException.class, () -> api.pull(ref, null, l -> { }));
            assertTrue(anonymous.getMessage().startsWith("pull " + ref + " failed"), anonymous.getMessage());
            var wrong = assertThrows(PodmanException.class,
                    () -> api.pull(ref, new RegistryAuth("ci-user", "wrong"), l -> { }));
            assertFalse(wrong.getMessage().contains("wrong"), "the password is not echoed: " + wrong.getMessage());

            // the engine's puller finds the login by the reference's registry host, as pvdifyd does with the
            // logins stored through POST /api/v1/registries
            List<String> hosts = new CopyOnWriteArrayList<>();
            var puller = new PodmanImagePuller(api, host -> {
                hosts.add(host);
                return LocalRegistry.ADDRESS.equals(host) ? new RegistryAuth("ci-user", "s3cret-pw") : null;
            });
            assertTrue(puller.pull(ref, l -> { }).startsWith("sha256:"));
            assertEquals(List.of(LocalRegistry.ADDRESS), hosts);
        }
    }

    @Test
    void runsListsInspectsStreamsAndRemovesContainers() throws Exception {
        String name = "pvdify-apitest.worker.1.v1";
        api.removeContainer(name, 0);
        try (var events = api.events(Map.of("type", List.of("container"), "label", List.of("pvdify.app=apitest")))) {
            String id = api.createContainer(worker(name));
            api.startContainer(name);
            var d = api.inspectContainer(name).orElseThrow();
            assertEquals(id, d.id());
            assertTrue(d.running());
            assertEquals("apitest", d.labels().get("pvdify.app"));
            assertEquals(name, api.listContainers(List.of("pvdify.app=apitest")).get(0).name());
            assertTrue(api.listContainers(List.of("pvdify.app=apitest-2")).isEmpty());
            assertEquals(1, api.stats(List.of(name)).size());

            try (var logs = api.logs(name, 10, true, false)) {
                LogFrame f = logs.next();
                assertNotNull(f);
                assertTrue(f.text().startsWith("worker tick"), f.text());
                assertEquals(1, f.stream());
            } // closing a followed stream returns at once instead of draining forever

            List<String> actions = new ArrayList<>();
            for (PodmanEvent e; (e = events.next()) != null; ) {
                actions.add(e.action());
                if (e.action().equals("start")) {
                    assertEquals(name, e.name());
                    break;
                }
            }
            assertTrue(actions.contains("create"), actions.toString());
        }
        api.removeContainer(name, 1);
        assertTrue(api.inspectContainer(name).isEmpty());
        api.removeContainer(name, 1);
    }

    @Test
    void readsFinishedLogsToTheEnd() {
        String name = "pvdify-apitest.crash.1.v1";
        api.removeContainer(name, 0);
        api.createContainer(body(name, "localhost/pvdify-test/crash:latest", Map.of(),
                Map.of("pvdify.app", "apitest-crash"), Limits.NONE, false));
        api.startContainer(name);
        Poll.until("crash container exited", Duration.ofSeconds(60),
                () -> !api.inspectContainer(name).orElseThrow().running());
        assertEquals(3, api.inspectContainer(name).orElseThrow().exitCode());
        List<String> lines = new ArrayList<>();
        try (var logs = api.logs(name, -1, false, true)) {
            for (LogFrame f; (f = logs.next()) != null; ) {
                lines.add(f.text());
            }
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" crash: exiting"), lines.toString());
        api.removeContainer(name, 0);
    }
}
