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
                       CronJobs cron, AutoRollback autoRollback, AddonChanges addons) {

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
                win.pvdify.addon.AddonRuntime.NONE, win.pvdify.addon.AddonSettings.DEFAULTS);
    }

    /** addons: where add-on containers run; addonSettings: their images. */
    public static Commands wire(Store store, ReleaseLedger ledger, AppRuntime runtime, DomainHook hook,
                                String baseDomain, win.pvdify.cron.CronRuntime cronRuntime, boolean cronSeconds,
                                win.pvdify.appjson.AppJsonSource appJson, win.pvdify.addon.AddonRuntime addons,
                                win.pvdify.addon.AddonSettings addonSettings) {
        OperationQueue queue = new OperationQueue(store.operations());
        ReleaseRuns runs = new ReleaseRuns(store, ledger, runtime);
        CronJobs cron = new CronJobs(store, ledger, cronRuntime, queue, cronSeconds);
        ReleaseChanges releases = new ReleaseChanges(store, runs, queue, cron, appJson);
        Commands c = new Commands(new AppSetup(store, baseDomain), releases,
                new ProcessChanges(store, runs, queue), new DomainChanges(store, runs, queue, hook),
                new AppRemoval(store, runs, queue, hook, cron), runs, queue, new MaintenanceChanges(store, runs, queue),
                cron, new AutoRollback(store, releases, queue),
                new AddonChanges(store, addons, queue, releases, addonSettings));
        queue.handlers(new CommandHandlers(c.releases, c.processes, c.domains, c.removal, c.maintenance, c.cron,
                c.addons));
        return c;
    }
}
