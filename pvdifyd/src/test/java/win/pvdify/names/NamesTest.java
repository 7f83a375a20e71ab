package win.pvdify.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "my-app", "a1", "site-pr-12", "abcdefghijklmnopqrstuvwxyz1234"})
    void goodAppNames(String n) {
        assertNull(AppName.problem(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1abc", "My-app", "my_app", "ends-", "api", "admin", "www", "pvdify",
            "abcdefghijklmnopqrstuvwxyz12345", "a b", "../x"})
    void badAppNames(String n) {
        assertNotNull(AppName.problem(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "nginx:1.27", "library/nginx:latest", "ghcr.io/owner/repo:abc123",
            "localhost:5000/app", "registry.example.com:5000/team/app@sha256:0123456789abcdef0123456789abcdef",
            "localhost/pvdify-test:1"})
    void goodImages(String ref) {
        assertTrue(ImageReference.parse(ref).isPresent(), ref);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Not A Ref", "nginx:", ":tag", "nginx@sha256:short", "a//b",
            "-lead", "nginx:bad tag", "x\ny", "--privileged", "evil image\n%h $USER;x"})
    void badImages(String ref) {
        assertTrue(ImageReference.parse(ref).isEmpty(), ref);
        assertFalse(ImageReference.isValid(ref), ref);
    }

    @Test
    void aNullImageIsInvalid() {
        assertFalse(ImageReference.isValid(null));
    }

    /** Well-formed is the syntax only: reserved names are well-formed (dynos and routes read them back). */
    @ParameterizedTest
    @ValueSource(strings = {"ab", "my-app", "api", "admin", "abcdefghijklmnopqrstuvwxyz1234"})
    void wellFormedAppNames(String n) {
        assertTrue(AppName.isWellFormed(n), n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1abc", "My-app", "ends-", "a.b", "abcdefghijklmnopqrstuvwxyz12345"})
    void malformedAppNames(String n) {
        assertFalse(AppName.isWellFormed(n), n);
    }

    @Test
    void imageParts() {
        ImageReference r = ImageReference.parse("localhost:5000/team/app:v2").orElseThrow();
        assertEquals("localhost:5000", r.registry());
        assertEquals("team/app", r.path());
        assertEquals("v2", r.tag());
        assertNull(ImageReference.parse("team/app").orElseThrow().registry());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "www.example.com", "a-b.example.co.uk", "xn--bcher-kva.example"})
    void goodHostnames(String h) {
        assertNull(Hostname.problem(h));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "-a.com", "a-.com", "a..com", "a_b.com", "1.2.3.4", "*.example.com",
            "exa mple.com"})
    void badHostnames(String h) {
        assertNotNull(Hostname.problem(h));
    }

    @Test
    void configKeys() {
        assertNull(ConfigKey.keyProblem("DATABASE_URL"));
        assertNull(ConfigKey.keyProblem("_x1"));
        assertNotNull(ConfigKey.keyProblem("1X"));
        assertNotNull(ConfigKey.keyProblem("A-B"));
        assertNotNull(ConfigKey.keyProblem("LD_PRELOAD"));
        assertNull(ConfigKey.valueProblem("K", "any\nthing \"'$`"));
        assertNotNull(ConfigKey.valueProblem("K", "a\0b"));
    }
}
