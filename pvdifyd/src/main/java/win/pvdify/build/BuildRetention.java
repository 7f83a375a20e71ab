package win.pvdify.build;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import win.pvdify.api.Build;
import win.pvdify.api.Release;

/**
 * Which built images and kept sources can go: those of ended builds that no release among the newest `keep` (nor
 * the current one) runs, so rollback to any of the last `keep` releases still finds its image. Pure.
 */
public final class BuildRetention {
    /** Releases whose images stay: like Heroku's rollback window, the last ten. */
    public static final int KEEP_RELEASES = 10;

    private BuildRetention() {
    }

    /** A build as retention sees it: its number, status and image tag. */
    public record Built(int number, String status, String image) {
    }

    /** The builds whose image (and source) may be removed now. */
    public static List<Built> prunable(List<Built> builds, List<Release> releases, int keep) {
        List<Release> newest = new ArrayList<>(releases);
        newest.sort((a, b) -> Integer.compare(b.version(), a.version()));
        Set<String> used = new HashSet<>();
        for (int i = 0; i < newest.size(); i++) {
            Release r = newest.get(i);
            if ((i < keep || Release.Status.CURRENT.is(r.status())) && r.image() != null) {
                used.add(tag(r.image()));
            }
        }
        List<Built> out = new ArrayList<>();
        for (Built b : builds) {
            boolean ended = ended(b.status());
            if (ended && b.image() != null && !used.contains(b.image())) {
                out.add(b);
            }
        }
        return out;
    }

    /** "localhost/pvdify/a:build-3@sha256:..." -> "localhost/pvdify/a:build-3". */
    static String tag(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    private static boolean ended(String status) {
        return win.pvdify.api.WireValue.fromWire(Build.Status.class, status).map(Build.Status::ended).orElse(false);
    }
}
