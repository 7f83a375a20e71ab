package win.pvdify.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Release;

/** Built images stay while one of the last releases (or the current one) runs them. */
class BuildRetentionTest {

    static Release release(int v, String status, String image) {
        return new Release(v, image, null, 1, status, "d", "me", null, null);
    }

    static String img(int n) {
        return "localhost/pvdify/a:build-" + n;
    }

    @Test
    void onlyImagesOutsideTheWindowAndNotCurrentGo() {
        List<BuildRetention.Built> builds = new ArrayList<>();
        List<Release> releases = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            builds.add(new BuildRetention.Built(n, "succeeded", img(n)));
            releases.add(release(n, n == 2 ? "current" : "superseded", img(n) + "@sha256:abc"));
        }
        builds.add(new BuildRetention.Built(6, "failed", img(6))); // built, but its release phase failed: no release
        builds.add(new BuildRetention.Built(7, "pending", img(7)));
        List<Integer> gone = BuildRetention.prunable(builds, releases, 2).stream().map(BuildRetention.Built::number)
                .toList();
        assertEquals(List.of(1, 3, 6), gone, "v5, v4 in the window; v2 current; 7 still building");
        assertEquals(List.of(6), BuildRetention.prunable(builds, releases, 10).stream()
                .map(BuildRetention.Built::number).toList());
    }
}
