package win.pvdify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import win.pvdify.api.App;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Dyno;
import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.PlanExecutor;
import win.pvdify.engine.ReleaseLedger;

/**
 * A runtime whose deploys of gated images wait until the test opens their gate (or the operation is cancelled),
 * driving the ledger like the engine: for tests of ordering, following and cancelling operations.
 */
public final class GatedRuntime implements AppRuntime {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final ReleaseLedger ledger;
    private final Set<String> closedGates = ConcurrentHashMap.newKeySet();

    public GatedRuntime(ReleaseLedger ledger) {
        this.ledger = ledger;
    }

    /** Deploys of this image wait until open(image). */
    public void close(String image) {
        closedGates.add(image);
    }

    public void open(String image) {
        closedGates.remove(image);
    }

    @Override
    public String prepareImage(String image, Consumer<String> progress) {
        calls.add("prepare " + image);
        progress.accept("pulled " + image);
        return "sha256:" + "1".repeat(64);
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress) {
        deploy(app, release, progress, () -> false);
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        var desired = ledger.desired(app, release).orElseThrow();
        calls.add("deploy " + app + " v" + release + " " + desired.image());
        ledger.markDeploying(app, release);
        progress.accept(new DeployProgress("start", "Starting web.1 of v" + release, null));
        while (closedGates.contains(desired.image())) {
            if (cancelled.getAsBoolean()) {
                progress.accept(new DeployProgress("drain", "Stopping web.1 of v" + release, null));
                ledger.markFailed(app, release, PlanExecutor.CANCELLED);
                calls.add("cancelled " + app + " v" + release);
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        progress.accept(new DeployProgress("health", "web.1 is healthy", null));
        ledger.markCurrent(app, release, "sha256:" + "0".repeat(64));
        ledger.setAppStatus(app, App.Status.RUNNING);
    }

    @Override
    public void applyFormation(String app) {
        calls.add("applyFormation " + app);
    }

    @Override
    public void restart(String app, String type) {
        calls.add("restart " + app + " " + type);
    }

    @Override
    public void remove(String app) {
        calls.add("remove " + app);
    }

    @Override
    public List<Dyno> dynos(String app) {
        return List.of();
    }

    @Override
    public void logs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
    }
}
