package win.pvdify.podman;

import java.util.List;

/**
 * digest is the manifest digest ("sha256:..."), the one to record in a release; id is the image id; size its
 * size on disk in bytes (0 when Podman did not say).
 */
public record ImageInfo(String id, String digest, List<String> repoDigests, long size) {
}
