package win.pvdify.commands;

import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.ops.OperationQueue;
import win.pvdify.routing.DomainHook;
import win.pvdify.store.Store;

/**
 * The application layer: every use case that changes an app. HTTP, and later the git receiver, the scheduler
 * and add-ons, call these; each change becomes an operation on the queue.
 */
public record Commands(AppSetup setup, ReleaseChanges releases, ProcessChanges processes, DomainChanges domains,
                       AppRemoval removal, ReleaseRuns runs, OperationQueue queue, MaintenanceChanges maintenance,
                       CronJobs cron, AutoRollback autoRollback, BuildChanges builds, AddonChanges addons,
                       AddonBackups backups) {

    /** Wires the use cases to the queue (and the queue to them). */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain) {
        return wire(store, ledger, runtime, hook, baseDomain, win.pvdify.cron.CronRuntime.NONE, false,
                win.pvdify.appjson.AppJsonSource.NONE);
    }

    /** The same without builds from source (no image builder). */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain, win.pvdify.cron.CronRuntime cronRuntime, boolean cronSeconds,
                                win.pvdify.appjson.AppJsonSource appJson) {
        return wire(store, ledger, runtime, hook, baseDomain, cronRuntime, cronSeconds, appJson,
                win.pvdify.build.ImageBuilder.NONE, java.nio.file.Path.of("builds"),
                win.pvdify.build.BuildLimits.defaults(), () -> null,
                win.pvdify.addon.AddonRuntime.NONE, win.pvdify.addon.AddonSettings.DEFAULTS,
                win.pvdify.addon.AddonShell.NONE, null, null);
    }

    /**
     * cronSeconds: cron schedules may carry a leading seconds field (a test-only setting); appJson: where deploys
     * read their image's app.json; builder, buildDir, buildLimits: builds from source; oneOffs: where a build's
     * release phase runs (asked when it runs: the one-off runs are wired after the use cases); addons: where add-on
     * containers run; addonSettings: their images; shell, box, backupDir: where backups are dumped from and
     * restored into, how they are encrypted, where they are kept (box null = no backups).
     */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain, win.pvdify.cron.CronRuntime cronRuntime, boolean cronSeconds,
                                win.pvdify.appjson.AppJsonSource appJson, win.pvdify.build.ImageBuilder builder,
                                java.nio.file.Path buildDir, win.pvdify.build.BuildLimits buildLimits,
                                java.util.function.Supplier<OneOffRuns> oneOffs, win.pvdify.addon.AddonRuntime addons,
                                win.pvdify.addon.AddonSettings addonSettings, win.pvdify.addon.AddonShell shell,
                                win.pvdify.secrets.StreamingBox box, java.nio.file.Path backupDir) {
        OperationQueue queue = new OperationQueue(store.operations());
        ReleaseRuns runs = new ReleaseRuns(store, ledger, runtime);
        CronJobs cron = new CronJobs(store, ledger, cronRuntime, queue, cronSeconds);
        ReleaseChanges releases = new ReleaseChanges(store, runs, queue, cron, appJson,
                new ReleasePhase(oneOffs, ReleasePhase.DEFAULT_TIMEOUT));
        BuildChanges builds = new BuildChanges(store, queue, releases, builder, buildDir, buildLimits);
        AddonBackups backups = new AddonBackups(store, shell, box, backupDir, queue);
        Commands c = new Commands(new AppSetup(store, baseDomain), releases,
                new ProcessChanges(store, runs, queue), new DomainChanges(store, runs, queue, hook),
                new AppRemoval(store, runs, queue, hook, cron, builds::forget), runs, queue,
                new MaintenanceChanges(store, runs, queue), cron, new AutoRollback(store, releases, queue), builds,
                new AddonChanges(store, addons, queue, releases, addonSettings, backups), backups);
        queue.handlers(new CommandHandlers(c.releases, c.processes, c.domains, c.removal, c.maintenance, c.cron,
                c.builds, c.addons, c.backups));
        return c;
    }
}
