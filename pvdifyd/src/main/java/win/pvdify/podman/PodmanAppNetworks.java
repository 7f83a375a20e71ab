package win.pvdify.podman;

import java.util.List;
import java.util.Map;
import win.pvdify.dyno.AppNetworks;

/**
 * App networks as Podman bridge networks: one /24 of the pool each, no DNS, Podman's `isolate` option (no
 * traffic between two isolated networks), labelled pvdify.app. What they may reach on the host is the
 * firewall's business (routing.AppFirewall rules match the pool).
 */
public final class PodmanAppNetworks implements AppNetworks {
    public static final String APP_LABEL = "pvdify.app";
    private final PodmanApi podman;
    private final SubnetPool pool;

    public PodmanAppNetworks(PodmanApi podman, SubnetPool pool) {
        this.podman = podman;
        this.pool = pool;
    }

    @Override
    public synchronized void ensure(String network, String app) {
        for (int attempt = 0; ; attempt++) {
            List<NetworkInfo> all = podman.listNetworks();
            if (all.stream().anyMatch(n -> n.name().equals(network))) {
                return;
            }
            String subnet = pool.next(all.stream().flatMap(n -> n.subnets().stream()).toList())
                    .orElseThrow(() -> new PodmanException(507, "no free /24 left in the app network pool " + pool));
            try {
                podman.createNetwork(network, subnet, Map.of(APP_LABEL, app));
                return;
            } catch (PodmanException e) {
                // another Podman client took the name or the subnet meanwhile: look again, once
                if (attempt >= 1) {
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void remove(String network) {
        podman.removeNetwork(network);
    }
}
