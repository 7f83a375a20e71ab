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

    public PodmanAddons(PodmanApi podman, AppNetworks networks, int stopTimeoutSec) {
        this.podman = podman;
        this.networks = networks;
        this.stopTimeoutSec = stopTimeoutSec;
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
    public void revive(String container) {
        Optional<ContainerDetails> c = podman.inspectContainer(container);
        if (c.isPresent() && !c.get().running()) {
            podman.startContainer(container);
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
        networks.ensure(network, app);
        return podman.listNetworks().stream().filter(n -> n.name().equals(network)).findFirst()
                .flatMap(n -> n.subnets().stream().filter(s -> s.contains(".")).findFirst())
                .orElseThrow(() -> new PodmanException(404, "network " + network + " has no IPv4 subnet"));
    }
}
