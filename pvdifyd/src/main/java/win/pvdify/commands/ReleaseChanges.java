package win.pvdify.commands;

import java.util.Map;
import java.util.TreeMap;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Release;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationRequest;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.store.ConfigQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Deploy, rollback and config change: each is an operation that records a new release when its turn comes
 * (so versions follow the order they run in, and a deploy carries the newest config), then runs it.
 */
public final class ReleaseChanges {
    private final Store store;
    private final ReleaseRuns runs;
    private final OperationQueue queue;
    private final CronJobs cron;
    private final win.pvdify.appjson.AppJsonSource appJson;
    private final ReleasePhase releasePhase;

    public ReleaseChanges(Store store, ReleaseRuns runs, OperationQueue queue, CronJobs cron,
                          win.pvdify.appjson.AppJsonSource appJson) {
        this(store, runs, queue, cron, appJson, new ReleasePhase(() -> null, ReleasePhase.DEFAULT_TIMEOUT));
    }

    /** releasePhase: runs a build's `release:` command before its dynos start. */
    public ReleaseChanges(Store store, ReleaseRuns runs, OperationQueue queue, CronJobs cron,
                          win.pvdify.appjson.AppJsonSource appJson, ReleasePhase releasePhase) {
        this.releasePhase = releasePhase;
        this.cron = cron;
        this.appJson = appJson;
        this.store = store;
        this.runs = runs;
        this.queue = queue;
    }

    /** Deploys an image (already validated) with the app's config as it is when the deploy runs. */
    public StoredOperation deploy(StoredApp app, String image, String description, String by) {
        AppChecks.notDeleting(app);
        return queue.submit(app.name(), OperationKind.DEPLOY, description, by,
                params("image", image, "description", description));
    }

    /** Rolls back to the given release, or (null) to the last good one before the current. */
    public StoredOperation rollback(StoredApp app, Integer version, String by) {
        return rollback(app, version, by, null);
    }

    /** The same with this description (null = "Rollback to vN"). */
    public StoredOperation rollback(StoredApp app, Integer version, String by, String description) {
        AppChecks.notDeleting(app);
        Release target;
        if (version != null) {
            target = store.releases().find(app.name(), version).map(r -> r.release())
                    .orElseThrow(() -> Refused.notFound("app " + app.name() + " has no release v" + version));
            if (target.image() == null) {
                throw Refused.invalid("release v" + target.version() + " has no image to roll back to");
            }
        } else {
            if (app.currentRelease() == null) {
                throw Refused.conflict("app " + app.name() + " has no current release to roll back from");
            }
            target = store.releases().previousGood(app.name(), app.currentRelease())
                    .orElseThrow(() -> Refused.conflict("app " + app.name() + " has no earlier release to roll back to"));
        }
        return queue.submit(app.name(), OperationKind.ROLLBACK,
                description != null ? description : "Rollback to v" + target.version(), by,
                params("target", String.valueOf(target.version())));
    }

    /** Applies config changes now (a new encrypted config version) and queues the release that runs them. */
    public StoredOperation changeConfig(StoredApp app, Map<String, String> changes, String description, String by) {
        AppChecks.notDeleting(app);
        return queue.submit(app.name(), OperationKind.CONFIG, by, () -> {
            ConfigQueries.Change change = store.config().apply(app.name(), changes);
            return new OperationRequest(change.changed() ? description : "No change to config",
                    params("config_version", String.valueOf(change.version()), "changed",
                            String.valueOf(change.changed())));
        });
    }

    /** The work of a deploy, rollback or config operation. */
    OperationWork work(StoredOperation op) {
        return switch (op.kind()) {
            case DEPLOY -> new Run(op, op.param("image"), true);
            case ROLLBACK -> {
                int target = Integer.parseInt(op.param("target"));
                String image = store.releases().find(op.app(), target).map(r -> r.release().image()).orElse(null);
                yield new Run(op, image, true);
            }
            case CONFIG -> new Run(op, null, false);
            case BUILD -> new Run(op, op.param("image"), false); // built here: nothing to pull
            default -> throw new IllegalArgumentException("not a release change: " + op.kind());
        };
    }

    private final class Run implements OperationWork {
        private final StoredOperation op;
        private final String image;
        private final boolean pull;

        Run(StoredOperation op, String image, boolean pull) {
            this.op = op;
            this.image = image;
            this.pull = pull;
        }

        @Override
        public boolean needsPrepare() {
            return pull && image != null;
        }

        @Override
        public void prepare(OperationContext ctx) {
            ctx.event("pull", "Pulling " + image + " before this operation's turn");
            runs.runtime().prepareImage(image, line -> ctx.event("pull", line));
        }

        @Override
        public void run(OperationContext ctx) {
            StoredApp app = AppChecks.stillThere(store, op.app());
            String declared = readAppJson(ctx);
            Release release = record(app);
            if (release == null) {
                ctx.event("info", "Config unchanged: no new release");
                return;
            }
            ctx.release(release.version());
            String json = declared != null ? declared : inherited(app);
            if (json != null) {
                store.releases().setAppJson(app.name(), release.version(), json);
            }
            ctx.event("release", "Release v" + release.version() + " recorded: " + release.description());
            java.util.List<win.pvdify.api.FormationEntry> formationBefore = store.formation().list(app.name());
            Release end;
            try {
                beforeDynos(ctx, app.name(), release.version());
                end = runs.run(app.name(), release, p -> report(ctx, p), ctx.cancellation());
            } catch (RuntimeException e) {
                restore(app.name(), formationBefore);
                throw e;
            }
            if (!Release.Status.CURRENT.is(end.status())) {
                restore(app.name(), formationBefore);
                throw new OperationFailed(422, end.failureReason() == null ? "v" + end.version() + " did not deploy"
                        : end.failureReason());
            }
            // The release runs: its cron jobs now fire with it. A run going on keeps its release to its end.
            try {
                cron.afterRelease(ctx, app.name(), cronOf(app.name(), end.version()));
            } catch (RuntimeException e) {
                ctx.event("warning", "v" + end.version() + " is running, but its cron jobs were not installed: "
                        + e.getMessage());
            }
        }

        /**
         * A build's Procfile sets the formation's commands, then its release phase runs (before any dyno of the
         * release starts). A failure marks the release failed; the caller restores the formation.
         */
        private void beforeDynos(OperationContext ctx, String app, int version) {
            String text = op.kind() == OperationKind.BUILD ? op.param("procfile") : null;
            if (text == null) {
                return;
            }
            win.pvdify.build.Procfile procfile = win.pvdify.build.Procfile.parse(
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var formation = win.pvdify.build.ProcfileFormation.apply(store.formation().list(app), procfile);
            store.formation().replace(app, formation);
            ctx.event("release", "Procfile: " + String.join(", ", formation.stream()
                    .map(f -> f.type() + "=" + f.count()).toList()));
            if (procfile.release() != null) {
                try {
                    releasePhase.run(ctx, app, version, procfile.release(), op.createdBy());
                } catch (RuntimeException e) {
                    runs.fail(app, version, "release phase: " + e.getMessage());
                    throw e;
                }
            }
        }

        private void restore(String app, java.util.List<win.pvdify.api.FormationEntry> before) {
            if (op.kind() == OperationKind.BUILD && op.param("procfile") != null) {
                store.formation().replace(app, before);
            }
        }

        /**
         * A deploy reads its image's app.json before recording the release: a bad one fails the deploy (422) and
         * nothing changes. Returns its normalized JSON, "{}" when the image has none, null when not read.
         */
        private String readAppJson(OperationContext ctx) {
            if (!deploysImage(op) || image == null || !appJson.enabled()) {
                return null;
            }
            try {
                var read = appJson.read(image);
                read.ifPresent(a -> ctx.event("release", "app.json: " + a.cron().size() + " cron job(s), healthchecks for "
                        + (a.healthchecks().isEmpty() ? "no process type" : String.join(", ", a.healthchecks().keySet()))));
                String problem = read.map(win.pvdify.appjson.AppJsonChecks::deployCheck)
                        .map(win.pvdify.engine.Healthchecks::problem).orElse(null);
                if (problem != null) {
                    throw new win.pvdify.appjson.AppJson.Invalid("healthchecks.web startup check: " + problem);
                }
                return read.map(win.pvdify.appjson.AppJson::toJson).orElse("{}");
            } catch (win.pvdify.appjson.AppJson.Invalid e) {
                throw new OperationFailed(422, e.getMessage());
            } catch (RuntimeException e) {
                throw new OperationFailed(503, "reading app.json from " + image + " failed: " + e.getMessage());
            }
        }

        /** A rollback takes the target's app.json, a config change the current release's. */
        private String inherited(StoredApp app) {
            Integer from = switch (op.kind()) {
                case ROLLBACK -> Integer.valueOf(op.param("target"));
                case CONFIG -> app.currentRelease();
                default -> null;
            };
            return from == null ? null : store.releases().appJson(app.name(), from).orElse(null);
        }

        private java.util.List<win.pvdify.appjson.AppJson.Cron> cronOf(String app, int version) {
            String json = store.releases().appJson(app, version).orElse(null);
            if (json == null) {
                return appJson.enabled() && deploysImage(op) ? java.util.List.of() : null;
            }
            return win.pvdify.appjson.AppJson.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), true)
                    .cron();
        }

        private Release record(StoredApp app) {
            return switch (op.kind()) {
                case DEPLOY, BUILD -> runs.record(app.name(), image, store.config().latestVersion(app.name()),
                        op.param("description"), op.createdBy(), null);
                case ROLLBACK -> {
                    int target = Integer.parseInt(op.param("target"));
                    Release t = store.releases().find(app.name(), target).map(r -> r.release())
                            .orElseThrow(() -> new OperationFailed(409, "release v" + target + " no longer exists"));
                    // The target's config, but the URLs of the add-ons attached now: a rollback never takes an
                    // add-on away from the app (Heroku: add-ons are outside releases).
                    int config = store.config().withVars(app.name(), t.configVersion(),
                            AddonChanges.urls(store, app.name()));
                    yield runs.record(app.name(), t.image(), config, op.description(), op.createdBy(), target);
                }
                default -> {
                    if (!Boolean.parseBoolean(op.param("changed"))) {
                        yield null;
                    }
                    String current = app.currentRelease() == null ? null
                            : store.releases().find(app.name(), app.currentRelease())
                                    .map(r -> r.release().image()).orElse(null);
                    yield runs.record(app.name(), current, Integer.parseInt(op.param("config_version")),
                            op.description(), op.createdBy(), null);
                }
            };
        }
    }

    /** A deploy of an image: pushed (deploy) or built here (build); both read the image's app.json. */
    private static boolean deploysImage(StoredOperation op) {
        return op.kind() == OperationKind.DEPLOY || op.kind() == OperationKind.BUILD;
    }

    /** The engine's progress lines as operation events; its own done/failed lines become info. */
    private static void report(OperationContext ctx, DeployProgress p) {
        String stage = DeployProgress.Stage.DONE.is(p.stage()) || DeployProgress.Stage.FAILED.is(p.stage()) ? "info"
                : p.stage();
        ctx.event(stage, p.message());
    }

    static Map<String, String> params(String... keysAndValues) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
