package win.pvdify.podman;

import java.util.function.Consumer;
import java.util.function.Function;
import win.pvdify.engine.ImagePuller;
import win.pvdify.names.ImageReference;

/**
 * The engine's ImagePuller over the Podman API. A digest reference or a local (`localhost/`) image that is
 * already present is not pulled again; anything else is pulled (tags move). credentials maps a registry host
 * to its credentials (null = anonymous).
 */
public final class PodmanImagePuller implements ImagePuller {
    private final PodmanApi podman;
    private final Function<String, RegistryAuth> credentials;

    public PodmanImagePuller(PodmanApi podman, Function<String, RegistryAuth> credentials) {
        this.podman = podman;
        this.credentials = credentials;
    }

    @Override
    public String pull(String image, Consumer<String> progress) {
        if (!ImageReference.isValid(image)) {
            throw new PodmanException(400, "invalid image reference: " + image);
        }
        boolean pinned = image.contains("@sha256:") || image.startsWith("localhost/");
        if (pinned && podman.imageExists(image)) {
            progress.accept("Using " + image + " (present)");
            return digest(podman.inspectImage(image), image);
        }
        progress.accept("Pulling " + image);
        return digest(podman.pull(image, credentials.apply(registry(image)), progress), image);
    }

    /** The registry host of a reference ("docker.io" when the first part is not a host). */
    static String registry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    private static String digest(ImageInfo info, String image) {
        if (info.digest() != null && info.digest().startsWith("sha256:")) {
            return info.digest();
        }
        if (info.id() != null) {
            return info.id().startsWith("sha256:") ? info.id() : "sha256:" + info.id();
        }
        throw new PodmanException(500, "no digest for image " + image);
    }
}
