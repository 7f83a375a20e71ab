package win.pvdify.appjson;

import java.util.Optional;

/** Where a deploy reads its image's app.json from (Dokku: WORKDIR/app.json of the image). */
public interface AppJsonSource {

    /** false = this daemon reads no app.json (no Podman): deploys keep the app.json jobs they have. */
    boolean enabled();

    /** The image's app.json, parsed (empty = the image has none); AppJson.Invalid when it is bad. */
    Optional<AppJson> read(String image);

    AppJsonSource NONE = new AppJsonSource() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Optional<AppJson> read(String image) {
            return Optional.empty();
        }
    };

    /** Through Podman: a container of the image is created (not started) and WORKDIR/app.json copied out. */
    static AppJsonSource podman(win.pvdify.podman.PodmanApi podman, boolean allowSeconds) {
        return new AppJsonSource() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<AppJson> read(String image) {
                Optional<byte[]> bytes;
                try {
                    bytes = podman.readImageFile(image, "app.json", AppJson.MAX_BYTES);
                } catch (IllegalArgumentException e) {
                    throw new AppJson.Invalid(e.getMessage());
                }
                return bytes.map(b -> AppJson.parse(b, allowSeconds));
            }
        };
    }
}
