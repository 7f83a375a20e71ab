package win.pvdify.podman;

import java.util.List;
import java.util.Map;

/** A Podman network: its name, the bridge interface, its subnets (CIDR) and labels. */
public record NetworkInfo(String name, String networkInterface, List<String> subnets, Map<String, String> labels) {
    public NetworkInfo {
        subnets = List.copyOf(subnets);
        labels = Map.copyOf(labels);
    }
}
