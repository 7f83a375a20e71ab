package win.pvdify.engine;

import win.pvdify.dyno.DynoState;

/** What `ps` shows of a dyno's liveness: a Dyno.Health wire value, or null when the dyno is not probed. */
public interface DynoHealth {

    String of(DynoState dyno);

    DynoHealth NONE = dyno -> null;
}
