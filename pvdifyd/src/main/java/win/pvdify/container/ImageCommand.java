package win.pvdify.container;

import java.util.List;

/**
 * An image's own ENTRYPOINT and CMD (from `podman image inspect`, Config.Entrypoint / Config.Cmd; empty when
 * unset). The env shim replaces the entrypoint, so the dyno's command line is built from these: the shim execs
 * entrypoint + (the dyno's command, or else cmd), as Podman itself would have run it.
 */
public record ImageCommand(List<String> entrypoint, List<String> cmd) {
    public static final ImageCommand NONE = new ImageCommand(List.of(), List.of());

    public ImageCommand {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
    }
}
