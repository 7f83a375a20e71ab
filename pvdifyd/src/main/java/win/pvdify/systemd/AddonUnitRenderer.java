package win.pvdify.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import win.pvdify.addon.AddonContainer;
import win.pvdify.container.ContainerSpec;

/**
 * An add-on's systemd unit: the shared container model's unit ({@link UnitRenderer}) with the add-on's networks
 * and fixed addresses (`--network NAME:ip=ADDR`, one per attached app; `--network none` when attached to none).
 * The env file is only named (`--env-file`): the password never enters the unit. Pure.
 */
public final class AddonUnitRenderer {
    private AddonUnitRenderer() {
    }

    public static String render(AddonContainer c, UnitSettings s) {
        String unit = UnitRenderer.render(c.spec(), s);
        List<List<String>> nets = new ArrayList<>();
        if (c.networks().isEmpty()) {
            nets.add(List.of("--network", "none"));
        } else {
            for (Map.Entry<String, String> n : c.networks().entrySet()) {
                nets.add(List.of("--network", n.getKey() + ":ip=" + n.getValue()));
            }
            nets.add(List.of("--sysctl", ContainerSpec.IPV6_OFF + "=1"));
        }
        StringBuilder lines = new StringBuilder();
        for (List<String> n : nets) {
            lines.append("\t").append(String.join(" ", UnitRenderer.quoted(n))).append(" \\\n");
        }
        // After the --name line: the same place UnitRenderer puts a dyno's --network.
        String nameLine = "\t" + String.join(" ", UnitRenderer.quoted(List.of("--name", c.spec().name()))) + " \\\n";
        int at = unit.indexOf(nameLine);
        if (at < 0) {
            throw new IllegalStateException("no --name line in the unit of " + c.spec().name());
        }
        at += nameLine.length();
        return unit.substring(0, at) + lines + unit.substring(at);
    }

    /** The unit's file name: the container's name. */
    public static String unitName(AddonContainer c) {
        return c.spec().name() + ".service";
    }
}
