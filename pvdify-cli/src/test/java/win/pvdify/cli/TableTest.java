package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsColumnsIgnoresColoursAndTrimsLines() {
        Style s = new Style(true);
        String t = Table.of("Name", "Status", "X").row("a", s.good("up"), "").row("longer-name", "crashed", "1")
                .render();
        assertEquals("""
                Name         Status   X
                -----------  -------  -
                a            \u001b[32mup\u001b[0m
                longer-name  crashed  1
                """, t);
    }

    @Test
    void keyValuesAlignValues() {
        assertEquals("Web URL: https://x\nStatus:  up\n", new KeyValues().add("Web URL", "https://x")
                .add("Status", "up").render());
    }

    @Test
    void cleanEscapesControlCharacters() {
        assertEquals("a\\nb\\u001b[2J\\t", Text.clean("a\nb\u001b[2J\t"));
        assertEquals("a\tb", Text.clean("a\tb", true));
    }
}
