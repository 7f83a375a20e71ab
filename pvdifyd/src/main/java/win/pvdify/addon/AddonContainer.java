package win.pvdify.addon;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.container.ContainerSpec;

/**
 * An add-on's container: the shared container model (spec; its own network field unused) plus the networks it
 * joins with its fixed address on each (network -> IPv4), and the environment its image reads at first start
 * (POSTGRES_PASSWORD...). The env values are secrets: no renderer puts them into a unit file.
 */
public record AddonContainer(ContainerSpec spec, SortedMap<String, String> networks, SortedMap<String, String> env) {
    /** Podman's network names, as ContainerSpec checks them. */
    private static final java.util.regex.Pattern NETWORK = java.util.regex.Pattern.compile(
            "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    public AddonContainer {
        networks = Collections.unmodifiableSortedMap(new TreeMap<>(networks));
        env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
        for (Map.Entry<String, String> n : networks.entrySet()) {
            if (!NETWORK.matcher(n.getKey()).matches()) {
                throw new IllegalArgumentException("invalid network name: " + n.getKey());
            }
            if (n.getValue() == null || !IPV4.matcher(n.getValue()).matches()) {
                throw new IllegalArgumentException("invalid address on " + n.getKey() + ": " + n.getValue());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            win.pvdify.systemd.EnvFileRenderer.problem(e.getKey(), e.getValue()).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        if (spec.network() != null) {
            throw new IllegalArgumentException("an add-on joins its networks through networks, not spec.network");
        }
    }

    public static AddonContainer of(ContainerSpec spec, Map<String, String> networks, Map<String, String> env) {
        return new AddonContainer(spec, new TreeMap<>(networks), new TreeMap<>(env));
    }
}
