package win.pvdify.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;

class DynoLabelsTest {
    private static final RuntimeProfile RUNTIME =
            new RuntimeProfile(LogDriver.JOURNALD, RestartPolicy.onFailure(4), 30, null);

    @Test
    void theLabelsADynoIsCreatedWithReadBackAsThatDyno() {
        DynoSpec web = new DynoSpec("shop", 7, "web", 2, "localhost/x:1", null, 19300, 5000,
                Path.of("/run/pvdify/env/pvdify-shop.v7.env"), null, null, false);
        DynoSpec worker = new DynoSpec("shop", 7, "worker_q", 12, "localhost/x:1", null, null, 5000,
                Path.of("/run/pvdify/env/pvdify-shop.v7.env"), null, null, false);
        for (DynoSpec d : new DynoSpec[] {web, worker}) {
            ContainerSpec c = ContainerSpecs.forDyno(d, RUNTIME);
            assertEquals(Optional.of(DynoName.of(d)), DynoLabels.identity(c.labels()));
            assertEquals(d.envFile(), DynoLabels.envFile(c.labels()));
        }
    }

    @Test
    void incompleteOrInconsistentLabelsAreNoDyno() {
        Map<String, String> good = DynoLabels.identityLabels(new DynoName("shop", "web", 1, 3, 19301));
        for (String missing : new String[] {DynoLabels.APP, DynoLabels.RELEASE, DynoLabels.TYPE, DynoLabels.DYNO}) {
            Map<String, String> l = new HashMap<>(good);
            l.remove(missing);
            assertTrue(DynoLabels.identity(l).isEmpty(), missing);
        }
        Map<String, String> otherType = new HashMap<>(good);
        otherType.put(DynoLabels.DYNO, "worker.1");
        assertTrue(DynoLabels.identity(otherType).isEmpty());
        Map<String, String> badPort = new HashMap<>(good);
        badPort.put(DynoLabels.PORT, "99999");
        assertTrue(DynoLabels.identity(badPort).isEmpty());
        Map<String, String> badApp = new HashMap<>(good);
        badApp.put(DynoLabels.APP, "Shop;rm");
        assertTrue(DynoLabels.identity(badApp).isEmpty());
        assertTrue(DynoLabels.identity(null).isEmpty());
    }
}
