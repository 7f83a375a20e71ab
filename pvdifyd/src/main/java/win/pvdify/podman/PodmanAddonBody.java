package win.pvdify.podman;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import win.pvdify.addon.AddonContainer;
import win.pvdify.container.ContainerSpec;

/**
 * The create body of an add-on's container: the shared container model's body ({@link PodmanCreateBody}) plus
 * every attached app's network with the add-on's fixed address on it (what `--network NAME:ip=ADDR` becomes).
 * With no network, the container gets none at all (nsmode none): an add-on nobody uses is reachable by nobody.
 * Pure.
 */
public final class PodmanAddonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PodmanAddonBody() {
    }

    public static PodmanCreateBody render(AddonContainer c) {
        PodmanCreateBody base = PodmanCreateBody.render(c.spec(), c.env());
        try {
            ObjectNode g = (ObjectNode) JSON.readTree(base.json());
            if (c.networks().isEmpty()) {
                g.putObject("netns").put("nsmode", "none");
            } else {
                g.putObject("netns").put("nsmode", "bridge");
                ObjectNode nets = g.putObject("Networks");
                c.networks().forEach((net, ip) -> nets.putObject(net).putArray("static_ips").add(ip));
                g.putObject("sysctl").put(ContainerSpec.IPV6_OFF, "1");
            }
            return new PodmanCreateBody(base.name(), g.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
