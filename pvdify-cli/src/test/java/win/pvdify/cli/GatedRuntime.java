package win.pvdify.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import win.pvdify.RecordingRuntime;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Dyno;
import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.PlanExecutor;
import win.pvdify.engine.ReleaseLedger;

/**
 * The daemon's RecordingRuntime, except that a deploy of an image starting with "slow" stays in its health check
 * until {@link #open} is counted down or the operation is cancelled (then it fails its release the way
 * PlanExecutor does, and the old release keeps serving).
 */
final class GatedRuntime implements AppRuntime {
    final RecordingRuntime recording;
    final CountDownLatch open = new CountDownLatch(1);
    private final ReleaseLedger ledger;

    GatedRuntime(ReleaseLedger ledger) {
        this.ledger = ledger;
        this.recording = new RecordingRuntime(ledger);
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress) {
        deploy(app, release, progress, () -> false);
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        String image = ledger.desired(app, release).orElseThrow().image();
        if (image.startsWith("slow")) {
            ledger.markDeploying(app, release);
            progress.accept(new DeployProgress("start", "web.1 starting", null));
            progress.accept(new DeployProgress("health", "waiting for web.1", null));
            try {
                while (!open.await(20, TimeUnit.MILLISECONDS)) {
                    if (cancelled.getAsBoolean()) {
                        ledger.markFailed(app, release, PlanExecutor.CANCELLED);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        recording.deploy(app, release, progress);
    }

    @Override
    public void applyFormation(String app) {
        recording.applyFormation(app);
    }

    @Override
    public void restart(String app, String type) {
        recording.restart(app, type);
    }

    @Override
    public void remove(String app) {
        recording.remove(app);
    }

    @Override
    public void stop(String app, String dyno, boolean force) {
        recording.stop(app, dyno, force);
    }

    @Override
    public void remove(String app, boolean force) {
        recording.remove(app, force);
    }

    @Override
    public List<Dyno> dynos(String app) {
        return recording.dynos(app);
    }

    @Override
    public void logs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
        recording.logs(app, lines, process, follow, sink);
    }
}
