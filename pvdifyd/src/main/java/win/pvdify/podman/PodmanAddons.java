package win.pvdify.podman;

import java.util.Optional;
import win.pvdify.addon.AddonRuntime;
import win.pvdify.dyno.AppNetworks;

/**
 * Add-ons on the Podman API: each add-on one container (Podman restarts it on failure; pvdifyd revives it at
 * start, as the fallback supervisor does with dynos) with a named volume Podman creates on first use.
 */
public final class PodmanAddons implements AddonRuntime {
    private final PodmanApi podman;
    private final AppNetworks networks;
    private final int stopTimeoutSec;
    private final win.pvdify.container.DynoIsolation isolation;
    private final java.nio.file.Path envDir;
    /** Podman's default network: where dynos run when app networks are off. */
    static final String DEFAULT_NETWORK = "podman";

    /** isolation: the dynos' (which network each app has); envDir: the tmpfs env dir (file names only). */
    public PodmanAddons(PodmanApi podman, AppNetworks networks, win.pvdify.container.DynoIsolation isolation,
                        java.nio.file.Path envDir, int stopTimeoutSec) {
        this.podman = podman;
        this.networks = networks;
        this.isolation = isolation;
        this.envDir = envDir.toAbsolutePath();
        this.stopTimeoutSec = stopTimeoutSec;
    }

    @Override
    public win.pvdify.addon.AddonContainer container(win.pvdify.addon.Addon addon, String password) {
        // k8s-file as the fallback's dynos (journald may not run here); Podman restarts it on failure.
        return win.pvdify.addon.AddonContainers.of(addon, password, win.pvdify.container.LogDriver.K8S_FILE,
                win.pvdify.container.RestartPolicy.onFailure(5), envDir.resolve(addon.container() + ".env"));
    }

    @Override
    public String network(String app) {
        String n = isolation.network(app);
        return n == null ? DEFAULT_NETWORK : n;
    }

    @Override
    public void apply(win.pvdify.addon.AddonContainer container) {
        PodmanCreateBody body = PodmanAddonBody.render(container); // validates before any effect
        // Networks and addresses are fixed at create time: a changed attachment means a new container (the data
        // is on the volume, which stays).
        podman.removeContainer(body.name(), stopTimeoutSec);
        podman.createContainer(body);
        podman.startContainer(body.name());
    }

    @Override
    public void revive(win.pvdify.addon.AddonContainer container) {
        Optional<ContainerDetails> c = podman.inspectContainer(container.spec().name());
        if (c.isEmpty()) {
            apply(container);
        } else if (!c.get().running()) {
            podman.startContainer(container.spec().name());
        }
    }

    @Override
    public void restart(String container) {
        podman.restartContainer(container, stopTimeoutSec);
    }

    @Override
    public void destroy(String container, String volume) {
        podman.removeContainer(container, stopTimeoutSec);
        podman.removeVolume(volume);
    }

    @Override
    public String state(String container) {
        return podman.inspectContainer(container).map(c -> c.running() ? "running" : c.status()).orElse("missing");
    }

    @Override
    public String subnet(String network, String app) {
        return subnet(podman, networks, network, app);
    }

    /** The IPv4 subnet of the app's network, made first when missing (both add-on runtimes ask Podman this way). */
    public static String subnet(PodmanApi podman, AppNetworks networks, String network, String app) {
        networks.ensure(network, app);
        return podman.listNetworks().stream().filter(n -> n.name().equals(network)).findFirst()
                .flatMap(n -> n.subnets().stream().filter(s -> s.contains(".")).findFirst())
                .orElseThrow(() -> new PodmanException(404, "network " + network + " has no IPv4 subnet"));
    }
}
