package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.systemd.EnvFiles;

/** Several daemons may share one Podman service: each sees, revives and recovers only the dynos it made. */
class PodmanSupervisorOwnerTest {
    private final List<List<String>> filters = new ArrayList<>();
    private final List<PodmanCreateBody> created = new ArrayList<>();

    private PodmanApi recordingPodman() {
        return (PodmanApi) Proxy.newProxyInstance(PodmanApi.class.getClassLoader(), new Class<?>[] {PodmanApi.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "listContainers" -> {
                        @SuppressWarnings("unchecked")
                        List<String> f = (List<String>) args[0];
                        filters.add(f);
                        yield List.of();
                    }
                    case "inspectContainer" -> Optional.empty();
                    case "createContainer" -> {
                        created.add((PodmanCreateBody) args[0]);
                        yield "id";
                    }
                    default -> null;
                });
    }

    @Test
    void anOwnedSupervisorLabelsItsDynosAndListsOnlyThem() throws Exception {
        Path dir = Path.of("target/owner-test-env").toAbsolutePath();
        Files.createDirectories(dir);
        EnvFiles envFiles = new EnvFiles(dir);
        Path env = envFiles.write("web-app", 1, Map.of("A", "1"));
        PodmanSupervisor s = new PodmanSupervisor(recordingPodman(), envFiles, 5, 30, "/var/lib/pvdify");

        s.start(new DynoSpec("web-app", 1, "web", 1, "localhost/x:1", null, 26001, 5000, env, null, null, false));
        s.listAll();
        s.list("web-app");
        s.revive();
        s.watchOnce();

        assertTrue(created.get(0).json().contains("\"pvdify.owner\":\"/var/lib/pvdify\""), created.get(0).json());
        assertEquals(List.of(
                List.of("pvdify.app", "pvdify.owner=/var/lib/pvdify"),
                List.of("pvdify.app=web-app", "pvdify.owner=/var/lib/pvdify"),
                List.of("pvdify.app", "pvdify.owner=/var/lib/pvdify"),
                List.of("pvdify.app", "pvdify.owner=/var/lib/pvdify")), filters);
    }

    @Test
    void withoutAnOwnerNothingChanges() throws Exception {
        Path dir = Path.of("target/owner-test-env").toAbsolutePath();
        Files.createDirectories(dir);
        EnvFiles envFiles = new EnvFiles(dir);
        Path env = envFiles.write("web-app", 2, Map.of());
        PodmanSupervisor s = new PodmanSupervisor(recordingPodman(), envFiles, 5, 30);

        s.start(new DynoSpec("web-app", 2, "web", 1, "localhost/x:1", null, 26002, 5000, env, null, null, false));
        s.listAll();

        assertFalse(created.get(0).json().contains(PodmanSupervisor.OWNER_LABEL), created.get(0).json());
        assertEquals(List.of(List.of("pvdify.app")), filters);
    }
}
