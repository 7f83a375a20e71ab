package win.pvdify.dyno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SupervisorDetectorTest {

    @Test
    void systemdOnlyWhenItIsPid1AndAnswers() {
        assertEquals("systemd", SupervisorDetector.detect(null, true, () -> true));
        assertEquals("podman", SupervisorDetector.detect("auto", true, () -> false));
        assertEquals("podman", SupervisorDetector.detect(null, false, () -> true));
    }

    @Test
    void configurationCanForceEither() {
        assertEquals("podman", SupervisorDetector.detect("podman", true, () -> true));
        assertEquals("systemd", SupervisorDetector.detect("systemd", false, () -> false));
        assertThrows(IllegalArgumentException.class, () -> SupervisorDetector.detect("docker", true, () -> true));
    }
}
