package win.pvdify.addon;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Runs a command inside an add-on's running container (backups, restores). Implemented over Podman's exec. */
public interface AddonShell {
    AddonShell NONE = (container, cmd, in, out) -> {
        throw new IllegalStateException("add-ons need Podman, and this pvdifyd runs none");
    };

    /** stdin from in (null = none), stdout into out; the exit code and the end of stderr (for the reason). */
    Result run(String container, List<String> cmd, InputStream in, OutputStream out);

    record Result(int exitCode, String stderr) {
    }
}
