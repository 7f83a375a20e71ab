package win.pvdify.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;

/** Recording DynoSupervisor: dynos live in a map named by DynoSpec.unitName(). */
final class FakeSupervisor implements DynoSupervisor {
    private final CallLog log;
    private final Map<String, DynoState> dynos = new LinkedHashMap<>();
    private final Map<String, DynoSpec> specs = new LinkedHashMap<>();
    /** Images whose dynos crash right after start. */
    final Set<String> crashingImages = new HashSet<>();
    /** Dyno names ("worker.1") whose start throws. */
    final Set<String> failingStarts = new HashSet<>();

    /** Runs before each start, outside the lock (tests make starts wait for each other or fail). */
    volatile java.util.function.Consumer<DynoSpec> beforeStart = spec -> { };

    FakeSupervisor(CallLog log) {
        this.log = log;
    }

    @Override
    public void start(DynoSpec spec) {
        beforeStart.accept(spec);
        startLocked(spec);
    }

    private synchronized void startLocked(DynoSpec spec) {
        if (failingStarts.contains(spec.dynoName())) {
            log.record("start-failed " + spec.unitName());
            throw new IllegalStateException("podman: image not known");
        }
        Dyno.State state = crashingImages.contains(spec.image()) ? Dyno.State.CRASHED : Dyno.State.UP;
        dynos.put(spec.unitName(), new DynoState(spec.app(), spec.release(), spec.type(), spec.number(),
                spec.unitName(), state, spec.hostPort(), Instant.EPOCH, 0, "c-" + spec.unitName()));
        specs.put(spec.unitName(), spec);
        log.record("start " + spec.unitName());
    }

    @Override
    public synchronized void remove(String unit) {
        dynos.remove(unit);
        specs.remove(unit);
        log.record("remove " + unit);
    }

    @Override
    public synchronized void remove(String unit, boolean force) {
        if (!force) {
            remove(unit);
            return;
        }
        dynos.remove(unit);
        specs.remove(unit);
        log.record("kill " + unit);
    }

    @Override
    public synchronized void restart(String unit) {
        DynoState d = dynos.get(unit);
        if (d != null) {
            dynos.put(unit, new DynoState(d.app(), d.release(), d.type(), d.number(), d.unit(), Dyno.State.UP,
                    d.hostPort(), d.startedAt(), d.restarts(), d.containerId()));
        }
        log.record("restart " + unit);
    }

    @Override
    public synchronized List<DynoState> list(String app) {
        return dynos.values().stream().filter(d -> d.app().equals(app)).toList();
    }

    @Override
    public synchronized List<DynoState> listAll() {
        return new ArrayList<>(dynos.values());
    }

    @Override
    public List<String> lastLogLines(String unit, int lines) {
        return List.of(unit + ": listening", unit + ": boom");
    }

    @Override
    public String kind() {
        return "fake";
    }

    synchronized DynoSpec spec(String unit) {
        return specs.get(unit);
    }

    /** A dyno found running at start (left by an earlier run of pvdifyd, or of an unknown app). */
    synchronized void adopt(DynoState state) {
        dynos.put(state.unit(), state);
    }

    synchronized void setState(String unit, Dyno.State state) {
        DynoState d = dynos.get(unit);
        dynos.put(unit, new DynoState(d.app(), d.release(), d.type(), d.number(), d.unit(), state, d.hostPort(),
                d.startedAt(), d.restarts(), d.containerId()));
    }
}
