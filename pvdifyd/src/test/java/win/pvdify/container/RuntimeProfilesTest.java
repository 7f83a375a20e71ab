package win.pvdify.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import win.pvdify.podman.PodmanSupervisor;
import win.pvdify.systemd.SystemdSupervisor;
import win.pvdify.systemd.UnitSettings;

/** Each runtime's choices are explicit (log driver, restart budget, stop time, owner), not left to defaults. */
class RuntimeProfilesTest {

    @Test
    void systemdLogsToJournaldAndKeepsItsStartLimitAsTheRetryBudget() {
        RuntimeProfile p = SystemdSupervisor.profile(UnitSettings.defaults());
        assertEquals(LogDriver.JOURNALD, p.logDriver());
        assertEquals(new RestartPolicy(RestartPolicy.Kind.ON_FAILURE, 4), p.restart()); // 5 starts = 1 + 4
        assertEquals(30, p.stopTimeoutSec());
        assertNull(p.owner());
    }

    @Test
    void thePodmanFallbackLogsToK8sFileWhichItsLogSourceReadsBack() {
        RuntimeProfile p = PodmanSupervisor.profile(5, 30, "/var/lib/pvdify");
        assertEquals(LogDriver.K8S_FILE, p.logDriver());
        assertEquals(new RestartPolicy(RestartPolicy.Kind.ON_FAILURE, 5), p.restart());
        assertEquals("/var/lib/pvdify", p.owner());
        assertEquals(RestartPolicy.NEVER, PodmanSupervisor.profile(0, 30, " ").restart());
        assertNull(PodmanSupervisor.profile(0, 30, " ").owner());
    }
}
