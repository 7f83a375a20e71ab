package win.pvdify.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;
import win.pvdify.container.DynoIsolation;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronPolicy;
import win.pvdify.engine.DesiredApp;
import win.pvdify.testing.PodmanService;
import win.pvdify.testing.Poll;
import win.pvdify.testing.Repo;

/**
 * A real engine runs an export: `podman kube play` (Podman 4.3, in a Podman of its own under target/) plays the
 * exported web Deployment of a test app, whose image it finds by digest, and the app answers HTTP with its config.
 * Two adaptations stand in for what Podman 4.3 lacks, and nothing else of the export changes: the web port is
 * published on 127.0.0.1:47410 (kubectl port-forward's job on a cluster), and the config Secret becomes a Podman
 * secret made before the play (4.3 cannot feed a Secret it played to envFrom). Everything is taken down at the end.
 */
class KubePlayIT {
    private static final int PORT = 47410;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PodmanService podman;

    @BeforeAll
    static void start() throws Exception {
        podman = PodmanService.start("kube");
    }

    @AfterAll
    static void stop() {
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void podmanPlaysTheExportedWebAppAndItAnswersWithItsConfig() throws Exception {
        String digest = podman.podman("image", "inspect", "--format", "{{.Digest}}", "localhost/pvdify-test/web:1")
                .strip();
        DesiredApp desired = new DesiredApp("kubplay", 4, "localhost/pvdify-test/web:1",
                Map.of("GREETING", "hello from kube", "PORT", "5000"),
                List.of(new FormationEntry("web", 1, null)), 5000, new Resources(128, 0.5),
                new Healthcheck("/", null, null, null), false, List.of("kubplay.pvdify.localhost"));
        List<CronJob> jobs = List.of(new CronJob("kubplay", 1, "nightly", "30 2 * * *", "echo hi", CronPolicy.FORBID,
                CronJob.Source.CLI));
        String export = KubeYaml.write(KubeManifests.render(KubeApps.of(desired, digest, jobs, null,
                DynoIsolation.NONE, new KubeOptions(true, null))));
        assertTrue(export.contains("image: localhost/pvdify-test/web@" + digest), export);

        Path dir = Path.of("target", "kube-play").toAbsolutePath();
        Files.createDirectories(dir);
        List<HasMetadata> play = new ArrayList<>();
        Secret config = null;
        for (HasMetadata o : KubeYaml.read(export)) {
            if (o instanceof Secret s) {
                config = s;
                continue;
            }
            if (o instanceof Deployment d) {
                ContainerPort http = d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0);
                http.setHostIP("127.0.0.1");
                http.setHostPort(PORT);
            }
            play.add(o);
        }
        assertEquals("kubplay-config", config.getMetadata().getName());
        Path secretJson = dir.resolve("config.json");
        Files.writeString(secretJson, JSON.writeValueAsString(config.getData()));
        Path yaml = dir.resolve("play.yaml");
        Files.writeString(yaml, KubeYaml.write(play));

        List<String> cmd = new ArrayList<>(List.of("bash", Repo.script("kube-play.sh"), dir.toString(),
                yaml.toString(), "kubplay-config", secretJson.toString(), "--"));
        cmd.addAll(podman.podmanCommand());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
        StringBuilder out = new StringBuilder();
        try {
            String line;
            do {
                line = lines.poll(120, TimeUnit.SECONDS);
                out.append(line).append('\n');
            } while (line != null && !line.equals("played") && !line.equals("down"));
            assertTrue(out.toString().contains("played\n"), out.toString());
            // one pod for the one web replica; Namespace, Service, Ingress and CronJob are ignored
            assertTrue(out.toString().contains("pods: kubplay-web-pod-0 \n"), out.toString());
            // the limits reach the container (128 MiB)
            assertTrue(out.toString().contains("container: kubplay-web-pod-0-web memory=134217728 "), out.toString());

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String root = Poll.until("the played app on " + PORT, Duration.ofSeconds(60), () -> get(http, "/"));
            assertEquals("pvdify-test web v1", root.strip());
            assertEquals("hello from kube", get(http, "/cgi-bin/env?GREETING").strip());
        } finally {
            p.getOutputStream().close(); // the script takes everything down
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            reader.join(5_000);
            lines.forEach(l -> out.append(l).append('\n'));
            System.out.println("kube-play.sh said:\n" + out); // what Podman made of the export, for docs/kubernetes.md
            assertTrue(ended && out.toString().endsWith("down\n"), out.toString());
        }
        assertEquals("", podman.podman("pod", "ps", "-q").strip(), "pods left behind");
        assertEquals("", podman.podman("secret", "ls", "--noheading").strip(), "secrets left behind");
    }

    private static String get(HttpClient http, String path) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? res.body() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
