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
                       CronJobs cron, AutoRollback autoRollback, AddonChanges addons,
                       AddonBackups backups) {

    /** Wires the use cases to the queue (and the queue to them). */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain) {
        return wire(store, ledger, runtime, hook, baseDomain, win.pvdify.cron.CronRuntime.NONE, false,
                win.pvdify.appjson.AppJsonSource.NONE);
    }

    /**
     * cronSeconds: cron schedules may carry a leading seconds field (a test-only setting); appJson: where deploys
     * read their image's app.json.
     */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain, win.pvdify.cron.CronRuntime cronRuntime, boolean cronSeconds,
                                win.pvdify.appjson.AppJsonSource appJson) {
        return wire(store, ledger, runtime, hook, baseDomain, cronRuntime, cronSeconds, appJson,
                win.pvdify.addon.AddonRuntime.NONE, win.pvdify.addon.AddonSettings.DEFAULTS,
                win.pvdify.addon.AddonShell.NONE, null, null);
    }

    /**
     * addons: where add-on containers run; addonSettings: their images; shell, box, backupDir: where backups are
     * dumped from and restored into, how they are encrypted, where they are kept (box null = no backups).
     */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain, win.pvdify.cron.CronRuntime cronRuntime, boolean cronSeconds,
                                win.pvdify.appjson.AppJsonSource appJson, win.pvdify.addon.AddonRuntime addons,
                                win.pvdify.addon.AddonSettings addonSettings, win.pvdify.addon.AddonShell shell,
                                win.pvdify.secrets.StreamingBox box, java.nio.file.Path backupDir) {
        OperationQueue queue = new OperationQueue(store.operations());
        ReleaseRuns runs = new ReleaseRuns(store, ledger, runtime);
        CronJobs cron = new CronJobs(store, ledger, cronRuntime, queue, cronSeconds);
        ReleaseChanges releases = new ReleaseChanges(store, runs, queue, cron, appJson);
        AddonBackups backups = new AddonBackups(store, shell, box, backupDir, queue);
        Commands c = new Commands(new AppSetup(store, baseDomain), releases,
                new ProcessChanges(store, runs, queue), new DomainChanges(store, runs, queue, hook),
                new AppRemoval(store, runs, queue, hook, cron), runs, queue, new MaintenanceChanges(store, runs, queue),
                cron, new AutoRollback(store, releases, queue),
                new AddonChanges(store, addons, queue, releases, addonSettings, backups), backups);
        queue.handlers(new CommandHandlers(c.releases, c.processes, c.domains, c.removal, c.maintenance, c.cron,
                c.addons, c.backups));
        return c;
    }
}
