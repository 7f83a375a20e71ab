package win.pvdify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import win.pvdify.container.DynoIsolation;

/**
 * The daemon's settings for keeping dynos apart from the host and from each other (issue 17), as configured.
 * envShim: the static env shim binary (null = off); networkPrefix: app networks `<prefix><app>` (null = all
 * dynos on Podman's default network); networkPool: where their subnets come from; firewallTable: pvdify's
 * nftables table (null = no firewall); firewallHostPorts: host ports app networks may still reach (Caddy's);
 * userns (null = host), pidsLimit, memoryMb (dynos of apps without a memory setting; null = none), capAdd.
 */
public record IsolationSettings(Path envShim, String networkPrefix, String networkPool, String firewallTable,
        List<Integer> firewallHostPorts, String userns, Integer pidsLimit, Integer memoryMb, List<String> capAdd) {

    public IsolationSettings {
        firewallHostPorts = List.copyOf(firewallHostPorts);
        capAdd = List.copyOf(capAdd);
    }

    /** The dyno isolation, with the env shim only when its binary is there (else Podman gets the env file). */
    public DynoIsolation dynos() {
        Path shim = envShim != null && Files.isRegularFile(envShim) ? envShim : null;
        return new DynoIsolation(shim, networkPrefix, true, capAdd, userns, pidsLimit, memoryMb);
    }
}
