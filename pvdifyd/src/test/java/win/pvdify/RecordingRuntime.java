package win.pvdify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import win.pvdify.api.App;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployProgress.Stage;
import win.pvdify.api.Dyno;
import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.ReleaseLedger;

/**
 * A fake AppRuntime that records calls and drives the ledger like the engine would: a deploy says the engine's
 * stages (pull, start, health, switch). What it observes (dynos, log lines) tests may script.
 */
public final class RecordingRuntime implements AppRuntime {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final ReleaseLedger ledger;
    /** Images whose deploy fails (health check). */
    public volatile String failingImage = "example.com/broken:1";
    public volatile RuntimeException down;
    /** Appended to a failed deploy's reason the way the engine appends a dyno's last log lines. */
    public volatile List<String> failureLogLines = List.of();
    /** What dynos(app) answers. */
    public volatile List<Dyno> dynos = List.of(new Dyno("web.1", "web", 1, 1, "up", 20001, null, 5L, 0, null, null));
    /** What logs(app, ...) answers without follow. */
    public volatile List<String> logLines = List.of("2020-01-01T00:00:00.000000+00:00 app[web.1]: hello from the dyno");

    /** When set, follows come from it (e.g. the real journald reader) instead of a tick every 50 ms. */
    public volatile win.pvdify.engine.AppLogReader follower;

    public RecordingRuntime(ReleaseLedger ledger) {
        this.ledger = ledger;
    }

    private void check() {
        if (down != null) {
            throw down;
        }
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress) {
        calls.add("deploy " + app + " v" + release);
        check();
        ledger.markDeploying(app, release);
        progress.accept(new DeployProgress("pull", "pulling", null));
        var desired = ledger.desired(app, release).orElseThrow();
        progress.accept(new DeployProgress(Stage.START.wire(), "web.1 on port " + desired.bindPort(), null));
        if (desired.image().equals(failingImage)) {
            List<String> lines = failureLogLines;
            ledger.markFailed(app, release, "health check failed: port " + desired.bindPort() + " never answered"
                    + (lines.isEmpty() ? "" : "\nlast log lines:\n" + String.join("\n", lines)));
            return;
        }
        progress.accept(new DeployProgress("health", "healthy", null));
        progress.accept(new DeployProgress(Stage.SWITCH.wire(), "traffic to v" + release, null));
        ledger.markCurrent(app, release, "sha256:" + "0".repeat(64));
        ledger.setAppStatus(app, App.Status.RUNNING);
    }

    @Override
    public void applyFormation(String app) {
        calls.add("applyFormation " + app);
        check();
    }

    @Override
    public void restart(String app, String type) {
        calls.add("restart " + app + " " + type);
        check();
    }

    @Override
    public void remove(String app) {
        calls.add("remove " + app);
        check();
    }

    @Override
    public void stop(String app, String dyno, boolean force) {
        calls.add("stop " + app + " " + dyno + (force ? " force" : ""));
        check();
    }

    @Override
    public void remove(String app, boolean force) {
        if (!force) {
            remove(app);
            return;
        }
        calls.add("force-remove " + app);
        check();
    }

    @Override
    public List<Dyno> dynos(String app) {
        check();
        return dynos;
    }

    @Override
    public void logs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
        calls.add("logs " + app + " " + lines + " " + process + " " + follow);
        check();
        if (!follow) {
            logLines.forEach(sink);
            return;
        }
        if (follower != null) {
            follower.read(app, lines, process, true, sink);
            return;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sink.accept("2030-01-01T00:00:00.000000+00:00 app[web.1]: tick");
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void refreshRoutes(String app) {
        calls.add("refreshRoutes " + app);
    }
}
