package win.pvdify.systemd;

import java.time.Instant;

/** What `systemctl show` says about one unit. */
public record UnitStatus(String unit, String loadState, String activeState, String subState, int restarts,
        Instant startedAt, String unitFileState) {
}
