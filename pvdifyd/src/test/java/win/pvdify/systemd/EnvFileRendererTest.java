package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileRendererTest {

    @Test
    void rendersSortedLinesVerbatim() {
        String text = EnvFileRenderer.render(Map.of("PORT", "5000", "A", "he said \"hi\" $HOME #x \\ 'q'  "));
        assertEquals("A=he said \"hi\" $HOME #x \\ 'q'  \nPORT=5000\n", text);
    }

    @Test
    void parseIsTheInverseOfRender() {
        Map<String, String> env = Map.of("A", " lead", "B", "", "C", "x=y=z", "D", "#not a comment", "E", "ü€");
        assertEquals(env, EnvFileRenderer.parse(EnvFileRenderer.render(env)));
    }

    @Test
    void refusesWhatTheFormatCannotCarry() {
        assertTrue(EnvFileRenderer.problem("A", "two\nlines").orElseThrow().contains("line break"));
        assertTrue(EnvFileRenderer.problem("A", "cr\r").isPresent());
        assertTrue(EnvFileRenderer.problem("A", "nul\0").isPresent());
        assertTrue(EnvFileRenderer.problem("1A", "x").isPresent());
        assertTrue(EnvFileRenderer.problem("A B", "x").isPresent());
        assertTrue(EnvFileRenderer.problem("A", "x".repeat(EnvFileRenderer.MAX_LINE)).isPresent());
        assertThrows(IllegalArgumentException.class, () -> EnvFileRenderer.render(Map.of("A", "a\nb")));
    }
}
