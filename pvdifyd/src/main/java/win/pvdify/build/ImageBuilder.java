package win.pvdify.build;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Builds an image from a checked source tarball (Podman's build endpoint on a real host). */
public interface ImageBuilder {

    /**
     * Builds context (a clean tar, see SourceArchive) with the given Dockerfile/Containerfile into tag, handing each
     * output line to output. Returns the image id. Throws BuildFailed with the builder's reason; stops (throwing)
     * soon after cancelled turns true.
     */
    String build(Path context, String dockerfile, String tag, Map<String, String> labels, BuildLimits limits,
                 Consumer<String> output, BooleanSupplier cancelled);

    /** Removes a built image no release needs any more; false when it is in use or gone. */
    boolean remove(String tag);

    /** The build did not make an image: message says why (the builder's own words). */
    final class BuildFailed extends RuntimeException {
        public BuildFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** No builder on this daemon (no Podman): builds are refused. */
    ImageBuilder NONE = new ImageBuilder() {
        @Override
        public String build(Path context, String dockerfile, String tag, Map<String, String> labels,
                            BuildLimits limits, Consumer<String> output, BooleanSupplier cancelled) {
            throw new BuildFailed("this pvdifyd has no image builder (no Podman)");
        }

        @Override
        public boolean remove(String tag) {
            return false;
        }
    };
}
