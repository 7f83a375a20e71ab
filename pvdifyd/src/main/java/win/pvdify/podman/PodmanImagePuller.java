package win.pvdify.podman;

import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import win.pvdify.engine.ImagePuller;
import win.pvdify.names.ImageReference;

/**
 * The engine's ImagePuller over the Podman API. A digest reference or a local (`localhost/`) image that is
 * already present is not pulled again; anything else is pulled (tags move). credentials maps a registry host
 * to its credentials (null = anonymous). At most concurrentPulls pulls run at once (the others wait for a
 * slot), and an image larger than maxImageBytes fails its deploy and is removed again when no container uses
 * it: one deploy token must not fill the disk.
 */
public final class PodmanImagePuller implements ImagePuller {
    private final PodmanApi podman;
    private final Function<String, RegistryAuth> credentials;
    private final Semaphore pulls;
    private final int concurrentPulls;
    private final long maxImageBytes;

    public PodmanImagePuller(PodmanApi podman, Function<String, RegistryAuth> credentials) {
        this(podman, credentials, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    public PodmanImagePuller(PodmanApi podman, Function<String, RegistryAuth> credentials, int concurrentPulls,
                             long maxImageBytes) {
        this.podman = podman;
        this.credentials = credentials;
        this.pulls = new Semaphore(concurrentPulls, true);
        this.concurrentPulls = concurrentPulls;
        this.maxImageBytes = maxImageBytes;
    }

    @Override
    public String pull(String image, Consumer<String> progress) {
        if (!ImageReference.isValid(image)) {
            throw new PodmanException(400, "invalid image reference: " + image);
        }
        boolean pinned = image.contains("@sha256:") || image.startsWith("localhost/");
        if (pinned && podman.imageExists(image)) {
            progress.accept("Using " + image + " (present)");
            return digest(checked(podman.inspectImage(image), image), image);
        }
        if (!pulls.tryAcquire()) {
            progress.accept("Waiting for a pull slot (" + concurrentPulls + " pulls at once: max_concurrent_pulls)");
            try {
                pulls.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PodmanException(503, "interrupted while waiting to pull " + image);
            }
        }
        ImageInfo pulled;
        try {
            progress.accept("Pulling " + image);
            pulled = podman.pull(image, credentials.apply(registry(image)), progress);
        } finally {
            pulls.release();
        }
        return digest(checked(pulled, image), image);
    }

    /** The image, when it is not larger than the limit; else it is removed (unless in use) and the deploy fails. */
    private ImageInfo checked(ImageInfo info, String image) {
        if (info.size() <= maxImageBytes) {
            return info;
        }
        // by the reference: drops what this deploy added (a name), not an image other names still hold
        boolean removed = podman.removeImage(image);
        throw new PodmanException(413, "image " + image + " is " + mib(info.size()) + " MiB, larger than the limit of "
                + mib(maxImageBytes) + " MiB (max_image_bytes in pvdifyd.yaml)"
                + (removed ? "; it was removed again" : "; it is kept: a container uses it"));
    }

    private static long mib(long bytes) {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
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
