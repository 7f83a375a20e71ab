package win.pvdify.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.api.FormationEntry;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.ContainerSpecs;
import win.pvdify.container.DynoIsolation;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.cron.CronContainers;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronRunName;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.engine.CommandWords;
import win.pvdify.engine.DesiredApp;
import win.pvdify.engine.Healthchecks;
import win.pvdify.engine.RegistryLogins;

/**
 * Builds a {@link KubeApp} from the desired state, through the container model every runtime renders
 * (ContainerSpecs.forDyno, CronContainers.forRun). Pure. What is host plumbing stays out: no env file or env shim
 * (the config reaches pods from a Secret), no host port (a Service routes), no app network (a namespace).
 */
public final class KubeApps {
    /** The platform sets PORT (the app listens there); it is not a config var of the Secret. */
    public static final String PORT = "PORT";

    private KubeApps() {
    }

    /**
     * desired: the current release (with an image); digest: its recorded image digest (null = none);
     * isolation: the daemon's dyno isolation, of which capabilities and the default memory limit carry over.
     */
    public static KubeApp of(DesiredApp desired, String digest, List<CronJob> jobs, RegistryLogins.Login login,
                             DynoIsolation isolation, KubeOptions options) {
        return of(desired, digest, jobs, login, isolation, options, List.of(), null);
    }

    /**
     * The same with the add-ons the app created or uses: each attached one's URL var names the add-on's Service
     * (its own by short name, another app's as NAME.OWNER.svc), since the host's addresses mean nothing there;
     * releaseCommand: the release phase of the build the release runs (null: none).
     */
    public static KubeApp of(DesiredApp desired, String digest, List<CronJob> jobs, RegistryLogins.Login login,
                             DynoIsolation isolation, KubeOptions options, List<KubeApp.AddonService> addons,
                             String releaseCommand) {
        if (desired == null || desired.release() == null || desired.image() == null || desired.image().isBlank()) {
            throw new IllegalArgumentException("nothing to export: the app has no release with an image");
        }
        RuntimeProfile profile = profile(isolation);
        String image = byDigest(desired.image(), digest);
        List<KubeApp.Process> processes = new ArrayList<>();
        for (FormationEntry f : sorted(desired.formation())) {
            var resources = desired.resources();
            DynoSpec dyno = new DynoSpec(desired.name(), desired.release(), f.type(), 1, image,
                    words(f), null, desired.bindPort(), null,
                    resources == null ? null : resources.memoryMb(), resources == null ? null : resources.cpu(),
                    desired.readOnly());
            processes.add(new KubeApp.Process(f.type(), f.count(), ContainerSpecs.forDyno(dyno, profile)));
        }
        List<KubeApp.Cron> cron = new ArrayList<>();
        var release = new CronContainers.Release(desired.release(), image, null,
                desired.resources() == null ? null : desired.resources().memoryMb(),
                desired.resources() == null ? null : desired.resources().cpu());
        for (CronJob job : jobs) {
            ContainerSpec run = CronContainers.forRun(job, CronRunName.of(job), release, profile);
            cron.add(new KubeApp.Cron(job, run));
        }
        SortedMap<String, String> config = new TreeMap<>();
        if (desired.env() != null) {
            desired.env().forEach((k, v) -> {
                if (!k.equals(PORT)) {
                    config.put(k, options.includeSecrets() ? v : null);
                }
            });
        }
        for (KubeApp.AddonService a : addons) {
            for (win.pvdify.addon.Addon.Attachment at : a.addon().attachments()) {
                if (at.app().equals(desired.name()) && config.containsKey(at.var())) {
                    String host = a.addon().app().equals(desired.name()) ? a.addon().name()
                            : a.addon().name() + "." + a.addon().app() + ".svc";
                    config.put(at.var(), options.includeSecrets() && a.password() != null
                            ? win.pvdify.addon.AddonUrl.of(a.addon().kind(), a.password(), host) : null);
                }
            }
        }
        List<KubeApp.AddonService> withheld = addons.stream().map(a -> new KubeApp.AddonService(a.addon(),
                options.includeSecrets() ? a.password() : null)).toList();
        KubeApp.PullLogin pull = login == null ? null : new KubeApp.PullLogin(login.registry(), login.username(),
                options.includeSecrets() ? login.password() : null);
        return new KubeApp(desired.name(), desired.release(), image, processes, desired.bindPort(),
                Healthchecks.effective(desired.healthcheck()), desired.hosts() == null ? List.of() : desired.hosts(),
                config, cron, pull, options, withheld, releaseCommand == null ? List.of()
                        : words(new FormationEntry("release", 1, releaseCommand)));
    }

    /**
     * The image to run: repository@digest when the release recorded a digest (every node then runs the same
     * bytes, whatever the tag points to later), else the reference as deployed.
     */
    public static String byDigest(String image, String digest) {
        if (digest == null || !digest.matches("sha256:[0-9a-f]{64}") || image.contains("@")) {
            return image;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String repository = colon > slash ? image.substring(0, colon) : image;
        return repository + "@" + digest;
    }

    /** The registry host of an image reference, as `podman login` names it (docker.io when none is given). */
    public static String registry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    private static java.util.List<String> words(FormationEntry f) {
        try {
            return CommandWords.split(f.command());
        } catch (win.pvdify.engine.PlanException e) {
            throw new IllegalArgumentException(f.type() + " command: " + e.getMessage(), e);
        }
    }

    /** Kubernetes restarts, stops and logs pods itself: the profile only fills the model's required fields. */
    private static RuntimeProfile profile(DynoIsolation iso) {
        DynoIsolation kept = iso == null ? DynoIsolation.NONE : new DynoIsolation(null, null, iso.dropAllCaps(),
                iso.capAdd(), null, null, iso.defaultMemoryMb());
        return new RuntimeProfile("none", RestartPolicy.NEVER, 30, null, kept);
    }

    /** web first, then the other process types by name (the planner's order). */
    private static List<FormationEntry> sorted(List<FormationEntry> formation) {
        List<FormationEntry> out = new ArrayList<>(formation == null ? List.of() : formation);
        out.sort((a, b) -> a.type().equals(KubeManifests.WEB) ? -1 : b.type().equals(KubeManifests.WEB) ? 1
                : a.type().compareTo(b.type()));
        return out;
    }
}
