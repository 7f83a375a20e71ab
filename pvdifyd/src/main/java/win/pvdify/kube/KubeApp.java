package win.pvdify.kube;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.api.Healthcheck;
import win.pvdify.container.ContainerSpec;
import win.pvdify.cron.CronJob;

/**
 * One app's current release as Kubernetes will run it: what {@link KubeManifests} renders. Built from the same
 * container model the systemd and Podman runtimes render ({@link KubeApps}), so an export runs what the host runs.
 *
 * <p>image is the reference to run (by digest when the release has one); processes are web first, then the others
 * by name; healthcheck holds effective values (defaults filled in); hosts are the default and custom domains.
 * config values are null when withheld (the export then names the keys only); pullLogin is the stored login of the
 * image's registry (password null when withheld) or null. releaseCommand: the words of the Procfile's `release:`
 * of the build the release runs (empty: none), rendered as a Job.
 */
public record KubeApp(String name, int release, String image, List<Process> processes, int bindPort,
                      Healthcheck healthcheck, List<String> hosts, SortedMap<String, String> config,
                      List<Cron> cron, PullLogin pullLogin, KubeOptions options, List<AddonService> addons,
                      List<String> releaseCommand) {

    public KubeApp {
        addons = List.copyOf(addons);
        releaseCommand = releaseCommand == null ? List.of() : List.copyOf(releaseCommand);
        processes = List.copyOf(processes);
        hosts = List.copyOf(hosts);
        config = new TreeMap<>(config); // values may be null: not Map.copyOf
        cron = List.copyOf(cron);
    }

    /** One process type: its replicas (the formation's count) and the container of one of its dynos. */
    public record Process(String type, int replicas, ContainerSpec container) {
    }

    /** One scheduled job and the container of one of its runs. */
    public record Cron(CronJob job, ContainerSpec container) {
    }

    /** A registry login for pulling the image; password null = withheld. */
    public record PullLogin(String registry, String username, String password) {
    }

    /**
     * An add-on the app created or uses. Those it created are rendered with it (a StatefulSet with a volume claim,
     * a Service, a credentials Secret); the URL var of every attached one names the add-on's Service. password null
     * = withheld.
     */
    public record AddonService(win.pvdify.addon.Addon addon, String password) {
    }

    /** Whether the app has a web process (it gets a Service and an Ingress). */
    public boolean hasWeb() {
        return processes.stream().anyMatch(p -> p.type().equals(KubeManifests.WEB));
    }
}
