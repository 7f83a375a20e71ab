package win.pvdify.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The image reference an export runs, and the registry whose login it takes along. */
class KubeAppsTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void imagesRunByDigestWhenTheReleaseRecordedOne() {
        assertEquals("ghcr.io/acme/api@" + DIGEST, KubeApps.byDigest("ghcr.io/acme/api:1.4", DIGEST));
        assertEquals("localhost:5000/app@" + DIGEST, KubeApps.byDigest("localhost:5000/app:2", DIGEST));
        assertEquals("localhost:5000/app@" + DIGEST, KubeApps.byDigest("localhost:5000/app", DIGEST));
        assertEquals("nginx@" + DIGEST, KubeApps.byDigest("nginx", DIGEST));
        assertEquals("nginx:1.27", KubeApps.byDigest("nginx:1.27", null));
        assertEquals("nginx:1.27", KubeApps.byDigest("nginx:1.27", "sha256:short"), "not a digest: kept as is");
        String pinned = "ghcr.io/acme/api@sha256:" + "cd".repeat(32);
        assertEquals(pinned, KubeApps.byDigest(pinned, DIGEST), "already by digest");
    }

    @Test
    void theRegistryIsTheFirstPartWhenItNamesAHost() {
        assertEquals("ghcr.io", KubeApps.registry("ghcr.io/acme/api:1.4"));
        assertEquals("localhost:5000", KubeApps.registry("localhost:5000/app:2"));
        assertEquals("localhost", KubeApps.registry("localhost/pvdify-test/web:1"));
        assertEquals("docker.io", KubeApps.registry("acme/api:1"));
        assertEquals("docker.io", KubeApps.registry("nginx"));
    }
}
