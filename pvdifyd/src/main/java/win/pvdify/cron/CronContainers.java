package win.pvdify.cron;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.Limits;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.container.Security;
import win.pvdify.dyno.DynoName;

/**
 * The container of one cron run: a one-off container of the current release (its image, its tmpfs env file, the
 * app's limits), the job's command, no restarts, no ports. Labels say app, release, type `cron` and the job's
 * number in `pvdify.cron` — and deliberately no `pvdify.dyno`, so DynoLabels never reads a run as a dyno (the
 * dyno supervisors would otherwise revive or remove it). Pure.
 *
 * <p>Kept small on purpose: the one-off dynos of `pvdify run` build a similar container; the two can share a
 * builder once both exist.
 */
public final class CronContainers {
    public static final String CRON = "pvdify.cron";
    public static final String JOB = "pvdify.cron-job";
    public static final String OWNER = "pvdify.owner";

    private CronContainers() {
    }

    /** The current release a run uses. memoryMb/cpu null = no limit. */
    public record Release(int version, String image, Path envFile, Integer memoryMb, Double cpu) {
    }

    public static ContainerSpec forRun(CronJob job, CronRunName name, Release release, RuntimeProfile runtime) {
        return forRun(job, name, release, runtime, win.pvdify.container.ImageCommand.NONE);
    }

    /** A run with the runtime's isolation, like a dyno of its app (image: its entrypoint and command). */
    public static ContainerSpec forRun(CronJob job, CronRunName name, Release release, RuntimeProfile runtime,
                                       win.pvdify.container.ImageCommand image) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("pvdify.app", job.app());
        labels.put("pvdify.release", Integer.toString(release.version()));
        labels.put("pvdify.type", CronRunName.TYPE);
        labels.put(CRON, Integer.toString(job.number()));
        labels.put(JOB, job.name());
        if (release.envFile() != null) {
            labels.put("pvdify.envfile", release.envFile().toString());
        }
        if (runtime.owner() != null) {
            labels.put("pvdify.owner", runtime.owner());
        }
        win.pvdify.container.DynoIsolation iso = runtime.isolation();
        win.pvdify.container.ContainerSpecs.Isolated i = win.pvdify.container.ContainerSpecs.isolated(
                release.image(), job.words(), release.envFile(), iso, image);
        return new ContainerSpec(name.container(), release.image(), i.command(), release.envFile(), labels,
                List.of(), new Limits(release.memoryMb() != null ? release.memoryMb() : iso.defaultMemoryMb(),
                        release.cpu(), iso.pidsLimit()),
                new Security(true, false, iso.dropAllCaps(), iso.capAdd(), iso.userns()), i.mounts(),
                RestartPolicy.NEVER, LogDriver.tagged(runtime.logDriver(), DynoName.PREFIX + job.app()), true,
                runtime.stopTimeoutSec(), i.entrypoint(), iso.network(job.app()), i.shim());
    }

    /** The run a container with these labels and name is; empty when it is not a cron run. */
    public static Optional<CronRunName> identity(String containerName, Map<String, String> labels) {
        if (labels == null || labels.get(CRON) == null) {
            return Optional.empty();
        }
        return CronRunName.parse(containerName)
                .filter(n -> n.app().equals(labels.get("pvdify.app"))
                        && Integer.toString(n.number()).equals(labels.get(CRON)));
    }
}
