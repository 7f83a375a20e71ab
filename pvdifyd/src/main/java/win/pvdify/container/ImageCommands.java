package win.pvdify.container;

/** Looks up an image's own entrypoint and command (Podman's image inspect). Throws when the image is unknown. */
@FunctionalInterface
public interface ImageCommands {
    ImageCommand of(String image);
}
