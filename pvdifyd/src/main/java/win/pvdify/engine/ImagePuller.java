package win.pvdify.engine;

import java.util.function.Consumer;

/** Pulls a release's image before its dynos start. Implemented by the Podman client (libpod images/pull). */
public interface ImagePuller {

    /**
     * Pulls the image (a no-op when it is present and the reference is a digest or a local image), reporting
     * progress lines ("Copying blob ...") as they come; returns the image digest ("sha256:..."). Throws when the
     * image cannot be pulled; the message is shown to the user.
     */
    String pull(String image, Consumer<String> progress);
}
