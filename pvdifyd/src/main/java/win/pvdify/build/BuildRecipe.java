package win.pvdify.build;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import win.pvdify.ops.Refused;

/**
 * How a source tree is built, detected from its top-level files and directories in this order: a Containerfile,
 * then a Dockerfile; otherwise a runtime template of the platform: node (package.json), python (requirements.txt,
 * pyproject.toml), go (go.mod) and java (pom.xml) are recognised but not built yet (refused with the reason), then
 * static (index.html, or a public/ directory) is served by busybox httpd. template: the Containerfile pvdify
 * writes into the context (null: the source's own). Pure.
 */
public record BuildRecipe(String builder, String dockerfile, String template) {
    /** The name of the Containerfile a template adds to the build context. */
    public static final String GENERATED = "Containerfile.pvdify";
    private static final List<List<String>> NOT_YET = List.of(List.of("node", "package.json"),
            List.of("python", "requirements.txt"), List.of("python", "pyproject.toml"), List.of("go", "go.mod"),
            List.of("java", "pom.xml"));

    public BuildRecipe(String builder, String dockerfile) {
        this(builder, dockerfile, null);
    }

    /** Empty when nothing matches; Refused(422) for a runtime that has no template yet. */
    public static Optional<BuildRecipe> detect(Set<String> topFiles, Set<String> topDirs, String staticBase) {
        if (topFiles.contains("Containerfile")) {
            return Optional.of(new BuildRecipe("containerfile", "Containerfile"));
        }
        if (topFiles.contains("Dockerfile")) {
            return Optional.of(new BuildRecipe("dockerfile", "Dockerfile"));
        }
        for (List<String> r : NOT_YET) {
            if (topFiles.contains(r.get(1))) {
                throw Refused.invalid("a " + r.get(0) + " app (" + r.get(1) + "): pvdify has no " + r.get(0)
                        + " template yet; add a Dockerfile");
            }
        }
        if (topFiles.contains("index.html")) {
            return Optional.of(new BuildRecipe("static", GENERATED, staticTemplate(staticBase, ".")));
        }
        if (topDirs.contains("public")) {
            return Optional.of(new BuildRecipe("static", GENERATED, staticTemplate(staticBase, "public")));
        }
        return Optional.empty();
    }

    public static Optional<BuildRecipe> detect(Set<String> topFiles) {
        return detect(topFiles, Set.of(), BuildLimits.STATIC_BASE);
    }

    /** A static site: the files under root served by busybox httpd on $PORT. base: a validated image reference. */
    static String staticTemplate(String base, String root) {
        return "FROM " + base + "\n"
                + "COPY " + root + " /www\n"
                + "CMD [\"/bin/sh\", \"-c\", \"exec httpd -f -p \\\"$PORT\\\" -h /www\"]\n";
    }

    /** The line the pusher sees first, Heroku style. */
    public String banner() {
        return "-----> Building with " + (template == null ? dockerfile : "the " + builder + " template");
    }
}
