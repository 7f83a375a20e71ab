package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;

class SystemctlCliTest {

    @Test
    void parsesShowBlocksByIdWhateverTheirPropertyOrder() {
        String out = """
                NRestarts=2
                ExecMainStartTimestamp=@1763900000
                Id=pvdify-a.web.1.v1.service
                LoadState=loaded
                ActiveState=activating
                SubState=auto-restart
                UnitFileState=enabled

                NRestarts=0
                ExecMainStartTimestamp=
                Id=pvdify-a.web.2.v1.service
                LoadState=not-found
                ActiveState=inactive
                SubState=dead
                UnitFileState=
                """;
        var s = SystemctlCli.parseShow(out, List.of("pvdify-a.web.1.v1.service", "pvdify-a.web.2.v1.service",
                "pvdify-a.web.3.v1.service"));
        assertEquals(new UnitStatus("pvdify-a.web.1.v1.service", "loaded", "activating", "auto-restart", 2,
                Instant.ofEpochSecond(1763900000), "enabled"), s.get(0));
        assertEquals("not-found", s.get(1).loadState());
        assertEquals("not-found", s.get(2).loadState());
        assertEquals(Dyno.State.RESTARTING, SystemdSupervisor.dynoState(s.get(0)));
        assertEquals(Dyno.State.STOPPED, SystemdSupervisor.dynoState(s.get(1)));
    }

    @Test
    void mapsUnitStatesToDynoStates() {
        assertEquals(Dyno.State.UP, SystemdSupervisor.dynoState(status("active", "running")));
        assertEquals(Dyno.State.STARTING, SystemdSupervisor.dynoState(status("activating", "start")));
        assertEquals(Dyno.State.CRASHED, SystemdSupervisor.dynoState(status("failed", "failed")));
        assertEquals(Dyno.State.STOPPED, SystemdSupervisor.dynoState(status("deactivating", "stop")));
    }

    private static UnitStatus status(String active, String sub) {
        return new UnitStatus("u", "loaded", active, sub, 0, null, "enabled");
    }
}
