package win.pvdify.podman;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.DynoLabels;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.oneoff.OneOffRuntime;

/** One-off runs as containers made through the Podman API, on systemd and fallback hosts alike. */
public final class PodmanOneOffs implements OneOffRuntime {
    private final PodmanApi podman;
    private final RuntimeProfile profile;
    private final win.pvdify.dyno.AppNetworks networks;

    /** profile: the host supervisor's (journald under systemd, k8s-file plus owner on the fallback). */
    public PodmanOneOffs(PodmanApi podman, RuntimeProfile profile) {
        this(podman, profile, win.pvdify.dyno.AppNetworks.NONE);
    }

    /** networks: where a run on its app's network finds that network (made when the app has no dyno yet). */
    public PodmanOneOffs(PodmanApi podman, RuntimeProfile profile, win.pvdify.dyno.AppNetworks networks) {
        this.podman = podman;
        this.profile = profile;
        this.networks = networks;
    }

    @Override
    public win.pvdify.container.ImageCommand imageCommand(String image) {
        if (profile.isolation().envShim() == null) {
            return win.pvdify.container.ImageCommand.NONE;
        }
        ImageInfo i = podman.inspectImage(image);
        return new win.pvdify.container.ImageCommand(i.entrypoint(), i.cmd());
    }

    @Override
    public RuntimeProfile profile() {
        return profile;
    }

    @Override
    public void create(ContainerSpec spec, Map<String, String> env) {
        PodmanCreateBody body = PodmanCreateBody.render(spec, env);
        if (spec.network() != null) {
            networks.ensure(spec.network(), spec.labels().get("pvdify.app"));
        }
        try {
            podman.createContainer(body);
        } catch (PodmanException e) {
            // A container of this name left from an earlier life of the app (deleted and created again, so run
            // numbers start over) is ours to replace; one of another daemon sharing this Podman is not.
            var old = e.status() == 409 ? podman.inspectContainer(spec.name()) : java.util.Optional.<ContainerDetails>empty();
            if (old.isEmpty() || !DynoLabels.isOneOff(old.get().labels())
                    || !java.util.Objects.equals(old.get().labels().get(DynoLabels.OWNER), profile.owner())) {
                throw e;
            }
            podman.removeContainer(spec.name(), profile.stopTimeoutSec());
            podman.createContainer(body);
        }
    }

    @Override
    public void start(String container) {
        podman.startContainer(container);
    }

    @Override
    public PodmanAttach attach(String container, boolean tty) {
        return podman.attach(container, tty);
    }

    @Override
    public void resize(String container, int rows, int cols) {
        podman.resizeContainer(container, rows, cols);
    }

    @Override
    public int awaitExit(String container) {
        return podman.waitContainer(container);
    }

    @Override
    public void stop(String container, int timeoutSec) {
        try {
            podman.stopContainer(container, timeoutSec);
        } catch (PodmanException e) {
            if (!e.notFound() && e.status() != 304) {
                throw e;
            }
        }
    }

    @Override
    public void remove(String container) {
        podman.removeContainer(container, profile.stopTimeoutSec());
    }

    @Override
    public List<Container> list() {
        List<String> filters = new ArrayList<>(List.of(DynoLabels.ONE_OFF));
        if (profile.owner() != null) {
            filters.add(DynoLabels.OWNER + "=" + profile.owner());
        }
        List<Container> out = new ArrayList<>();
        for (ContainerSummary c : podman.listContainers(filters)) {
            out.add(new Container(c.name(), c.labels(), "running".equals(c.state()), c.exitCode()));
        }
        return out;
    }
}
