package win.pvdify.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.api.Dyno;
import win.pvdify.engine.AppRuntime;
import win.pvdify.store.AppQueries;
import win.pvdify.store.OperationStats;
import win.pvdify.store.StoredApp;

/**
 * Everything GET /metrics shows, gathered at scrape time: operations from the database, each app's dynos from
 * the runtime (the same view as `ps`, CPU and memory from Podman's stats), the API's requests from memory. An app
 * whose dynos cannot be read now (Podman busy) is left out of this scrape and counted in
 * pvdify_metrics_collect_errors.
 */
public final class PlatformMetrics {
    private final AppQueries apps;
    private final AppRuntime runtime;
    private final OperationStats operations;
    private final RequestMetrics requests;
    private final String version;

    public PlatformMetrics(AppQueries apps, AppRuntime runtime, OperationStats operations, RequestMetrics requests,
                           String version) {
        this.apps = apps;
        this.runtime = runtime;
        this.operations = operations;
        this.requests = requests;
        this.version = version;
    }

    public List<Metric> collect() {
        SortedMap<String, List<Dyno>> dynos = new TreeMap<>();
        int errors = 0;
        for (StoredApp app : apps.list()) {
            try {
                dynos.put(app.name(), runtime.dynos(app.name()));
            } catch (RuntimeException e) {
                errors++;
            }
        }
        List<Metric> out = new ArrayList<>();
        out.add(new Metric("pvdify_build_info", "pvdifyd's version.", Metric.Type.GAUGE,
                List.of(new Metric.Sample("pvdify_build_info", Map.of("version", version), 1))));
        out.addAll(OperationMetrics.of(operations.byKindAndState(OperationMetrics.BOUNDS)));
        out.addAll(DynoMetrics.of(dynos));
        out.addAll(requests.metrics());
        out.add(new Metric("pvdify_metrics_collect_errors", "Apps whose dynos could not be read in this scrape.",
                Metric.Type.GAUGE, List.of(new Metric.Sample("pvdify_metrics_collect_errors", Map.of(), errors))));
        return out;
    }
}
