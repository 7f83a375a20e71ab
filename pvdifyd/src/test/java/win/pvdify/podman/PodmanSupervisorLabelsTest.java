package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import win.pvdify.container.DynoLabels;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.systemd.EnvFiles;

/** The fallback creates dynos from the container model and knows them by their labels, not their names. */
class PodmanSupervisorLabelsTest {
    private final List<PodmanCreateBody> created = new ArrayList<>();

    private PodmanApi podman(List<ContainerSummary> containers) {
        return (PodmanApi) Proxy.newProxyInstance(PodmanApi.class.getClassLoader(), new Class<?>[] {PodmanApi.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "listContainers" -> containers;
                    case "inspectContainer" -> containers.stream().filter(c -> c.id().equals(args[0])
                            || c.name().equals(args[0])).findFirst().map(c -> new ContainerDetails(c.id(), c.name(),
                                    c.state(), "running".equals(c.state()), 1, 0, null, null, 0, c.labels(),
                                    "localhost/x:1"));
                    case "createContainer" -> {
                        created.add((PodmanCreateBody) args[0]);
                        yield "id";
                    }
                    default -> null;
                });
    }

    @Test
    void listedDynosAreWhatTheirLabelsSay() {
        Map<String, String> labels = DynoLabels.identityLabels(new DynoName("shop", "web", 2, 9, 19310));
        List<ContainerSummary> containers = List.of(
                // renamed by hand: the labels still say which dyno it is
                new ContainerSummary("a1", "renamed-by-someone", "running", labels, null, 0),
                // a dyno-like name without labels is not ours to report
                new ContainerSummary("b2", "pvdify-shop.web.1.v9.p19311", "running", Map.of("pvdify.app", "shop"),
                        null, 0));
        var s = new PodmanSupervisor(podman(containers), new EnvFiles(Path.of("/run/pvdify-unused")), 5, 30);
        List<DynoState> list = s.list("shop");
        assertEquals(1, list.size(), list.toString());
        DynoState d = list.get(0);
        assertEquals(List.of("shop", 9, "web", 2, 19310, "a1"),
                List.of(d.app(), d.release(), d.type(), d.number(), d.hostPort(), d.containerId()));
    }

    @Test
    void theCreateBodyCarriesTheEnvFilesValuesAndAnExplicitLogDriver() throws Exception {
        Path dir = Path.of("target/labels-test-env").toAbsolutePath();
        Files.createDirectories(dir);
        EnvFiles envFiles = new EnvFiles(dir);
        Path env = envFiles.write("shop", 3, Map.of("PORT", "5000", "GREETING", "hi \"there\""));
        var s = new PodmanSupervisor(podman(List.of()), envFiles, 5, 30);
        s.start(new DynoSpec("shop", 3, "web", 1, "localhost/x:1", null, 19312, 5000, env, null, null, false));
        String json = created.get(0).json();
        assertTrue(json.contains("\"env\":{\"GREETING\":\"hi \\\"there\\\"\",\"PORT\":\"5000\"}"), json);
        assertTrue(json.contains("\"log_configuration\":{\"driver\":\"k8s-file\""), json);
        assertTrue(json.contains("\"pvdify.envfile\":\"" + env + "\""), json);
    }
}
