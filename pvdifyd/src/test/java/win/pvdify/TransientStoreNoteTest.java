package win.pvdify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransientStoreNoteTest {

    @Test
    void namedFromPodman44On() {
        assertEquals("", DaemonEffects.transientStoreNote("4.3.1"));
        assertEquals("", DaemonEffects.transientStoreNote("3.4.4"));
        assertTrue(DaemonEffects.transientStoreNote("4.4.0").contains("transient_store"));
        assertTrue(DaemonEffects.transientStoreNote("5.0.0-dev").contains("transient_store"));
        assertEquals("", DaemonEffects.transientStoreNote("garbage"));
    }
}
