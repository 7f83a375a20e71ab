package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PodmanImagePullerTest {

    @Test
    void findsTheRegistryOfAReference() {
        assertEquals("docker.io", PodmanImagePuller.registry("nginx:1.27"));
        assertEquals("docker.io", PodmanImagePuller.registry("library/nginx"));
        assertEquals("ghcr.io", PodmanImagePuller.registry("ghcr.io/acme/app:1"));
        assertEquals("127.0.0.1:19201", PodmanImagePuller.registry("127.0.0.1:19201/x/y@sha256:ab"));
        assertEquals("localhost", PodmanImagePuller.registry("localhost/pvdify-test/web:1"));
    }
}
