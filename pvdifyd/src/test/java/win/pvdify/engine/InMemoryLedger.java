package win.pvdify.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import win.pvdify.api.App;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Release;

/** The store as the engine sees it, in memory; status changes are recorded in the CallLog. */
final class InMemoryLedger implements ReleaseLedger {
    private final CallLog log;
    private final Map<String, AppRow> apps = new TreeMap<>();
    final List<String> events = new ArrayList<>();

    static final class AppRow {
        List<FormationEntry> formation = new ArrayList<>();
        List<String> hosts;
        Integer current;
        App.Status status = App.Status.CREATED;
        final Map<Integer, ReleaseRow> releases = new TreeMap<>();
    }

    record ReleaseRow(String image, Map<String, String> env, Release.Status status, String digest, String reason) {
        ReleaseRow with(Release.Status newStatus, String newDigest, String newReason) {
            return new ReleaseRow(image, env, newStatus, newDigest, newReason);
        }
    }

    InMemoryLedger(CallLog log) {
        this.log = log;
    }

    synchronized void createApp(String app, String formation) {
        AppRow row = new AppRow();
        row.hosts = List.of(app + ".example.com");
        apps.put(app, row);
        scale(app, formation);
    }

    synchronized void deleteApp(String app) {
        apps.remove(app);
    }

    /** "web:2,worker:1" */
    synchronized void scale(String app, String formation) {
        List<FormationEntry> entries = new ArrayList<>();
        for (String entry : formation.split(",")) {
            String[] parts = entry.split(":");
            entries.add(new FormationEntry(parts[0], Integer.parseInt(parts[1]), null));
        }
        apps.get(app).formation = entries;
    }

    /** Records a new pending release (what the API does before calling deploy). */
    synchronized int newRelease(String app, String image, Map<String, String> env) {
        AppRow row = apps.get(app);
        int version = row.releases.isEmpty() ? 1 : ((TreeMap<Integer, ReleaseRow>) row.releases).lastKey() + 1;
        row.releases.put(version, new ReleaseRow(image, Map.copyOf(env), Release.Status.PENDING, null, null));
        return version;
    }

    /** Rollback: a new release copying the image and config of the target. */
    synchronized int rollbackTo(String app, int target) {
        ReleaseRow old = apps.get(app).releases.get(target);
        return newRelease(app, old.image(), old.env());
    }

    synchronized ReleaseRow release(String app, int version) {
        return apps.get(app).releases.get(version);
    }

    synchronized Integer current(String app) {
        return apps.get(app).current;
    }

    synchronized App.Status status(String app) {
        return apps.get(app).status;
    }

    synchronized List<FormationEntry> formation(String app) {
        return List.copyOf(apps.get(app).formation);
    }

    @Override
    public synchronized List<String> appNames() {
        return List.copyOf(apps.keySet());
    }

    @Override
    public synchronized Optional<DesiredApp> desired(String app, int release) {
        AppRow row = apps.get(app);
        if (row == null || !row.releases.containsKey(release)) {
            return Optional.empty();
        }
        ReleaseRow rel = row.releases.get(release);
        return Optional.of(new DesiredApp(app, release, rel.image(), rel.env(), List.copyOf(row.formation), 8080,
                null, new Healthcheck("/up", 1, 2, 3), false, row.hosts));
    }

    @Override
    public synchronized Optional<DesiredApp> desired(String app) {
        AppRow row = apps.get(app);
        if (row == null) {
            return Optional.empty();
        }
        if (row.current == null) {
            return Optional.of(new DesiredApp(app, null, null, Map.of(), List.copyOf(row.formation), 8080, null,
                    new Healthcheck("/up", 1, 2, 3), false, row.hosts));
        }
        return desired(app, row.current);
    }

    @Override
    public synchronized List<StuckRelease> stuckReleases() {
        List<StuckRelease> stuck = new ArrayList<>();
        apps.forEach((app, row) -> row.releases.forEach((version, rel) -> {
            if (rel.status() == Release.Status.PENDING || rel.status() == Release.Status.DEPLOYING) {
                stuck.add(new StuckRelease(app, version));
            }
        }));
        return stuck;
    }

    @Override
    public synchronized void markDeploying(String app, int release) {
        AppRow row = apps.get(app);
        row.releases.computeIfPresent(release, (v, rel) -> rel.with(Release.Status.DEPLOYING, null, null));
        log.record("ledger deploying " + app + " v" + release);
    }

    @Override
    public synchronized void markCurrent(String app, int release, String imageDigest) {
        AppRow row = apps.get(app);
        if (row.current != null && row.current != release) {
            row.releases.computeIfPresent(row.current, (v, rel) -> rel.with(Release.Status.SUPERSEDED, rel.digest(), null));
        }
        row.releases.computeIfPresent(release, (v, rel) -> rel.with(Release.Status.CURRENT, imageDigest, null));
        row.current = release;
        log.record("ledger current " + app + " v" + release + " " + imageDigest);
    }

    @Override
    public synchronized void markFailed(String app, int release, String reason) {
        apps.get(app).releases.computeIfPresent(release, (v, rel) -> rel.with(Release.Status.FAILED, null, reason));
        log.record("ledger failed " + app + " v" + release + ": " + reason.lines().findFirst().orElse(""));
    }

    @Override
    public synchronized void setAppStatus(String app, App.Status status) {
        AppRow row = apps.get(app);
        if (row != null) {
            row.status = status;
        }
        log.record("status " + app + " " + status.wire());
    }

    @Override
    public synchronized void event(String app, String source, String message) {
        events.add(app + " pvdify[" + source + "]: " + message);
    }

    synchronized Map<Integer, Release.Status> statuses(String app) {
        Map<Integer, Release.Status> statuses = new LinkedHashMap<>();
        apps.get(app).releases.forEach((v, rel) -> statuses.put(v, rel.status()));
        return statuses;
    }
}
