package win.pvdify.names;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference as Docker/Podman parse it: [registry[:port]/]path[:tag][@digest].
 * registry is null when none is named (Podman then uses its search registries). The one image check: the API
 * refuses what does not parse, and the runtimes (unit renderer, Podman supervisor, image puller) check again
 * before an image becomes an argument, so nothing else (an option like --privileged, spaces) can get there.
 */
public record ImageReference(String registry, String path, String tag, String digest) {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN =
            Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?");
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    public static boolean isValid(String ref) {
        return parse(ref).isPresent();
    }

    public static Optional<ImageReference> parse(String ref) {
        if (ref == null || ref.isEmpty() || ref.length() > 512) {
            return Optional.empty();
        }
        String rest = ref;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase(java.util.Locale.ROOT))) {
                registry = first;
                rest = rest.substring(slash + 1);
                if (!DOMAIN.matcher(registry).matches()) {
                    return Optional.empty();
                }
            }
        }
        Matcher m = PATH.matcher(rest);
        if (!m.matches() || rest.length() > 255) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(registry, rest, tag, digest));
    }
}
