package win.pvdify.podman;

import java.util.List;

/**
 * digest is the manifest digest ("sha256:..."), the one to record in a release; id is the image id; size its
 * size on disk in bytes (0 when Podman did not say). entrypoint and cmd are the image's Config.Entrypoint and
 * Config.Cmd (empty when unset).
 */
public record ImageInfo(String id, String digest, List<String> repoDigests, long size, List<String> entrypoint,
        List<String> cmd) {
    public ImageInfo {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
    }

    public ImageInfo(String id, String digest, List<String> repoDigests, long size) {
        this(id, digest, repoDigests, size, List.of(), List.of());
    }

    public ImageInfo(String id, String digest, List<String> repoDigests, List<String> entrypoint,
            List<String> cmd) {
        this(id, digest, repoDigests, 0, entrypoint, cmd);
    }

    public ImageInfo(String id, String digest, List<String> repoDigests) {
        this(id, digest, repoDigests, 0, List.of(), List.of());
    }
}
