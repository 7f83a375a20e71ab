package win.pvdify.addon;

import java.util.Optional;

/**
 * Which image each kind of add-on runs (pvdifyd.yaml addon_postgres_image, addon_redis_image): the official
 * images by default. The tag is the default version; `--version V` runs the same repository with tag V.
 */
public record AddonSettings(String postgresImage, String redisImage) {
    public static final AddonSettings DEFAULTS = new AddonSettings("docker.io/library/postgres:16",
            "docker.io/library/redis:7");

    public AddonSettings {
        for (String i : new String[] {postgresImage, redisImage}) {
            if (!win.pvdify.names.ImageReference.isValid(i) || tagStart(i) < 0) {
                throw new IllegalArgumentException("an add-on image needs a tag (its default version): " + i);
            }
        }
    }

    private String setting(AddonKind kind) {
        return kind == AddonKind.POSTGRES ? postgresImage : redisImage;
    }

    public String defaultVersion(AddonKind kind) {
        String i = setting(kind);
        return i.substring(tagStart(i) + 1);
    }

    /** The image of this version (empty when the version is not one Pvdify knows for the kind). */
    public Optional<String> image(AddonKind kind, String version) {
        if (!kind.versions().contains(version)) {
            return Optional.empty();
        }
        String i = setting(kind);
        return Optional.of(i.substring(0, tagStart(i)) + ":" + version);
    }

    private static int tagStart(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') && !image.contains("@") ? colon : -1;
    }
}
