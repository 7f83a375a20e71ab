package win.pvdify.engine;

import java.util.List;
import java.util.function.Consumer;
import win.pvdify.api.App;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Dyno;

/**
 * The runtime of a daemon that runs nothing: releases are recorded and made current at once. Used until the
 * real engine is wired (and by `--dev` without Podman); never a stand-in in tests of the engine itself.
 */
public final class LedgerOnlyRuntime implements AppRuntime {
    private final ReleaseLedger ledger;

    public LedgerOnlyRuntime(ReleaseLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress) {
        ledger.markDeploying(app, release);
        progress.accept(new DeployProgress(DeployProgress.Stage.RELEASE.wire(),
                "recording v" + release + " (no runtime attached)", null));
        ledger.markCurrent(app, release, null);
        ledger.setAppStatus(app, App.Status.RUNNING);
    }

    @Override
    public void applyFormation(String app) {
    }

    @Override
    public void restart(String app, String type) {
    }

    @Override
    public void remove(String app) {
    }

    @Override
    public List<Dyno> dynos(String app) {
        return List.of();
    }

    @Override
    public void logs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
    }
}
