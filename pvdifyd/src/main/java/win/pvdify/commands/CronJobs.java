package win.pvdify.commands;

import java.util.ArrayList;
import java.util.List;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronJobState;
import win.pvdify.cron.CronPolicy;
import win.pvdify.cron.CronRelease;
import win.pvdify.cron.CronRuntime;
import win.pvdify.cron.CronSchedule;
import win.pvdify.engine.DesiredApp;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Scheduled jobs: cron:add, cron:remove and cron:run are operations in the app's queue; every change of the jobs
 * or of the current release (deploy, rollback, config) re-installs them on the CronRuntime with the release they
 * run. Jobs come from two sources that combine by name: app.json's `cron` entries (replaced as a set on every
 * deploy of an image that has an app.json) and cron:add (kept until cron:remove). A name declared by both is
 * app.json's after its next deploy; cron:add of an app.json job's name takes it over as a CLI job.
 */
public final class CronJobs {
    private final Store store;
    private final ReleaseLedger ledger;
    private final CronRuntime runtime;
    private final OperationQueue queue;
    private final boolean allowSeconds;

    /** One job with what the runtime knows of it. */
    public record Listed(CronJob job, CronJobState state) {
    }

    public CronJobs(Store store, ReleaseLedger ledger, CronRuntime runtime, OperationQueue queue,
                    boolean allowSeconds) {
        this.store = store;
        this.ledger = ledger;
        this.runtime = runtime;
        this.queue = queue;
        this.allowSeconds = allowSeconds;
    }

    public List<Listed> list(String app) {
        List<CronJob> jobs = store.cron().list(app);
        List<CronJobState> states;
        try {
            states = runtime.states(app, jobs);
        } catch (RuntimeException e) {
            System.getLogger(CronJobs.class.getName()).log(System.Logger.Level.WARNING,
                    "cron runs of " + app + " unknown: " + e, e);
            states = jobs.stream().map(j -> CronJobState.unknown(j.number())).toList(); // shown without run data
        }
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            out.add(new Listed(jobs.get(i), states.get(i)));
        }
        return out;
    }

    /** The problem with this job declaration (422), or null. policy null = forbid. */
    public String problem(String name, String schedule, String command, String policy) {
        String p = CronJob.nameProblem(name);
        if (p == null) {
            p = CronSchedule.problem(schedule, allowSeconds);
        }
        if (p == null) {
            p = CronJob.commandProblem(command);
        }
        if (p == null && policy != null && CronPolicy.fromWire(policy).isEmpty()) {
            p = "policy must be allow, forbid or replace";
        }
        return p;
    }

    /** Queues adding (or changing) a job; the arguments passed {@link #problem}. */
    public StoredOperation add(StoredApp app, String name, String schedule, String command, CronPolicy policy,
                               String by) {
        AppChecks.notDeleting(app);
        if (store.cron().find(app.name(), name).isEmpty() && store.cron().list(app.name()).size() >= CronJob.MAX_JOBS) {
            throw Refused.invalid("app " + app.name() + " has " + CronJob.MAX_JOBS + " cron jobs, the most it may have");
        }
        return queue.submit(app.name(), OperationKind.CRON_ADD, "Add cron job " + name, by,
                ReleaseChanges.params("name", name, "schedule", schedule, "command", command, "policy",
                        policy.wire()));
    }

    public StoredOperation remove(StoredApp app, String name, String by) {
        AppChecks.notDeleting(app);
        job(app.name(), name);
        return queue.submit(app.name(), OperationKind.CRON_REMOVE, "Remove cron job " + name, by,
                ReleaseChanges.params("name", name));
    }

    public StoredOperation run(StoredApp app, String name, String by) {
        AppChecks.notDeleting(app);
        job(app.name(), name);
        if (!CronRelease.deployed(ledger.desired(app.name()).orElse(null))) {
            throw Refused.conflict("app " + app.name() + " has nothing deployed to run cron job " + name + " with");
        }
        return queue.submit(app.name(), OperationKind.CRON_RUN, "Run cron job " + name, by,
                ReleaseChanges.params("name", name));
    }

    OperationWork work(StoredOperation op) {
        return switch (op.kind()) {
            case CRON_ADD -> ctx -> {
                String app = AppChecks.stillThere(store, op.app()).name();
                CronJob job = store.cron().put(app, op.param("name"), op.param("schedule"), op.param("command"),
                        CronPolicy.fromWire(op.param("policy")).orElse(CronPolicy.FORBID), CronJob.Source.CLI);
                store.events().add(app, "api", "Cron job " + job.name() + " (" + job.logName() + ") set by "
                        + op.createdBy() + ": " + job.schedule());
                ctx.event("cron", "Cron job " + job.name() + " is " + job.logName() + ": " + job.schedule() + " "
                        + job.command());
                install(ctx, app);
            };
            case CRON_REMOVE -> ctx -> {
                String app = AppChecks.stillThere(store, op.app()).name();
                if (!store.cron().remove(app, op.param("name"))) {
                    ctx.event("info", "Cron job " + op.param("name") + " was already gone");
                    return;
                }
                store.events().add(app, "api", "Cron job " + op.param("name") + " removed by " + op.createdBy());
                install(ctx, app);
            };
            case CRON_RUN -> ctx -> {
                String app = AppChecks.stillThere(store, op.app()).name();
                CronJob job = store.cron().find(app, op.param("name"))
                        .orElseThrow(() -> new OperationFailed(404, "cron job " + op.param("name") + " is gone"));
                DesiredApp desired = ledger.desired(app).orElse(null);
                boolean[] started = {false};
                ProcessChanges.runtime("running " + job.logName(), () -> started[0] = runtime.runNow(job, desired));
                ctx.event("cron", started[0] ? "Started " + job.logName() + " (" + job.name() + "); its output is in"
                        + " pvdify logs -p cron"
                        : "Not started: " + job.logName() + " is still running and its policy is forbid");
            };
            default -> throw new IllegalArgumentException("not a cron change: " + op.kind());
        };
    }

    /**
     * After a release became current: the jobs its app.json declares (null = not known, keep the app.json jobs
     * there are) replace the previous app.json jobs by name, then every job is installed to run that release.
     * A name cron:add gave stays cron:add's until app.json declares the same name.
     */
    void afterRelease(OperationContext ctx, String app, List<win.pvdify.appjson.AppJson.Cron> declared) {
        if (declared != null) {
            store.db().write(tx -> {
                for (CronJob j : store.cron().list(app)) {
                    if (j.source() == CronJob.Source.APP_JSON
                            && declared.stream().noneMatch(d -> d.name().equals(j.name()))) {
                        store.cron().remove(app, j.name());
                    }
                }
                for (var d : declared) {
                    store.cron().put(app, d.name(), d.schedule(), d.command(), d.policy(), CronJob.Source.APP_JSON);
                }
                return null;
            });
            if (!declared.isEmpty()) {
                ctx.event("cron", "app.json declares " + declared.size() + " cron job(s)");
            }
        }
        install(ctx, app);
    }

    /** Installs the app's jobs as they are now (pvdifyd start, the fallback's scheduler needs them again). */
    public void installAll() {
        for (String app : ledger.appNames()) {
            try {
                runtime.sync(app, store.cron().list(app), ledger.desired(app).orElse(null));
            } catch (RuntimeException e) {
                System.err.println("pvdifyd: cron jobs of " + app + " not installed: " + e.getMessage());
            }
        }
    }

    /** App delete: every timer and run goes. */
    void removeAll(String app) {
        ProcessChanges.runtime("removing the cron jobs of " + app, () -> runtime.removeAll(app));
    }

    private void install(OperationContext ctx, String app) {
        List<CronJob> jobs = store.cron().list(app);
        DesiredApp desired = ledger.desired(app).orElse(null);
        ProcessChanges.runtime("installing the cron jobs of " + app, () -> runtime.sync(app, jobs, desired));
        if (!jobs.isEmpty()) {
            ctx.event("cron", CronRelease.deployed(desired)
                    ? jobs.size() + " cron job(s) installed for v" + desired.release() + " (" + runtime.kind() + ")"
                    : jobs.size() + " cron job(s) recorded; they run once something is deployed");
        }
    }

    private CronJob job(String app, String name) {
        return store.cron().find(app, name)
                .orElseThrow(() -> Refused.notFound("app " + app + " has no cron job " + name));
    }
}
