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
        // Podman also refuses a subnet a host interface already routes (e.g. a bridge another Podman left on the
        // host, which no network list shows): such a subnet is skipped and the next one tried.
        List<String> refused = new java.util.ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            List<NetworkInfo> all = podman.listNetworks();
            if (all.stream().anyMatch(n -> n.name().equals(network))) {
                return;
            }
            List<String> used = new java.util.ArrayList<>(refused);
            all.forEach(n -> used.addAll(n.subnets()));
            String subnet = pool.next(used)
                    .orElseThrow(() -> new PodmanException(507, "no free /24 left in the app network pool " + pool));
            try {
                podman.createNetwork(network, subnet, Map.of(APP_LABEL, app));
                return;
            } catch (PodmanException e) {
                // the subnet is taken on the host, or another Podman client took the name or subnet meanwhile
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                refused.add(subnet);
            }
        }
    }

    /** Subnets tried before giving up (each refusal is one host route or one racing client). */
    private static final int MAX_ATTEMPTS = 16;

    @Override
    public synchronized void remove(String network) {
        podman.removeNetwork(network);
    }
}
