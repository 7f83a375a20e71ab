package win.pvdify.build;

import java.util.Optional;
import java.util.Set;

/**
 * How a source tree is built, detected from its top-level files in a documented order: Containerfile, then
 * Dockerfile. (Runtime templates for trees without either come later.) Pure.
 */
public record BuildRecipe(String builder, String dockerfile) {

    public static Optional<BuildRecipe> detect(Set<String> topFiles) {
        if (topFiles.contains("Containerfile")) {
            return Optional.of(new BuildRecipe("containerfile", "Containerfile"));
        }
        if (topFiles.contains("Dockerfile")) {
            return Optional.of(new BuildRecipe("dockerfile", "Dockerfile"));
        }
        return Optional.empty();
    }

    /** The line the pusher sees first, Heroku style. */
    public String banner() {
        return "-----> Building with " + dockerfile;
    }
}
