package win.pvdify.podman;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import win.pvdify.build.BuildLimits;
import win.pvdify.build.ImageBuilder;

/** The ImageBuilder over Podman's build endpoint (buildah inside Podman; no shell, no CLI). */
public final class PodmanImageBuilder implements ImageBuilder {
    private final PodmanApi podman;

    public PodmanImageBuilder(PodmanApi podman) {
        this.podman = podman;
    }

    @Override
    public String build(Path context, String dockerfile, String tag, Map<String, String> labels, BuildLimits limits,
                        Consumer<String> output, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        boolean[] timedOut = new boolean[1];
        try {
            return podman.build(context, dockerfile, tag, labels, limits.memoryBytes(), limits.cpus(), output, () -> {
                if (System.nanoTime() - deadline > 0) {
                    timedOut[0] = true;
                    return true;
                }
                return cancelled.getAsBoolean();
            });
        } catch (PodmanException e) {
            if (timedOut[0]) {
                throw new BuildFailed("the build took longer than " + limits.timeout().toMinutes()
                        + " minutes (build_timeout) and was stopped");
            }
            throw new BuildFailed(e.getMessage());
        }
    }

    @Override
    public boolean remove(String tag) {
        return podman.removeImage(tag);
    }
}
