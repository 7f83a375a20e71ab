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
    public AddonContainer {
        networks = Collections.unmodifiableSortedMap(new TreeMap<>(networks));
        env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
        if (spec.network() != null) {
            throw new IllegalArgumentException("an add-on joins its networks through networks, not spec.network");
        }
    }

    public static AddonContainer of(ContainerSpec spec, Map<String, String> networks, Map<String, String> env) {
        return new AddonContainer(spec, new TreeMap<>(networks), new TreeMap<>(env));
    }
}
