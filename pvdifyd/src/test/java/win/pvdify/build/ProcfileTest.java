package win.pvdify.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.FormationEntry;

/** Procfiles: Heroku's syntax read strictly, the release command apart, and the formation they make. */
class ProcfileTest {

    static Procfile parse(String text) {
        return Procfile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static String invalid(String text) {
        return assertThrows(Procfile.Invalid.class, () -> parse(text)).getMessage();
    }

    @Test
    void typesCommentsAndTheReleaseCommand() {
        Procfile p = parse("# a comment\r\nweb: bin/web --port $PORT\n\nworker:bin/work  \nrelease: bin/migrate\n");
        assertEquals(Map.of("web", "bin/web --port $PORT", "worker", "bin/work"), p.types());
        assertEquals(List.of("web", "worker"), List.copyOf(p.types().keySet()));
        assertEquals("bin/migrate", p.release());
        assertNull(parse("web: x").release());
    }

    @Test
    void badLinesNameTheirLine() {
        assertEquals("Procfile line 2: expected `type: command`", invalid("web: a\nthis is not a process\n"));
        assertEquals("Procfile line 3: web is declared twice", invalid("web: a\n\nweb: b\n"));
        assertEquals("Procfile line 1: web has no command", invalid("web:   \n"));
        assertEquals("Procfile line 1: invalid process type 'Web': use up to 30 lowercase letters, digits, '-' and"
                + " '_'", invalid("Web: a\n"));
        assertEquals("Procfile line 2: release is declared twice", invalid("release: a\nrelease: b\n"));
        assertEquals("Procfile line 1: run is reserved (one-off and cron dynos are named run.N)", invalid("run: x"));
        assertEquals("Procfile line 1: expected `type: command`", invalid("../../etc: x"));
    }

    @Test
    void formationKeepsCountsStartsNewTypesAndScalesLeaversToZero() {
        List<FormationEntry> current = List.of(new FormationEntry("web", 3, null), new FormationEntry("clock", 1, "c"));
        assertEquals(List.of(new FormationEntry("clock", 0, "c"), new FormationEntry("web", 3, "w"),
                        new FormationEntry("worker", 0, "k")),
                ProcfileFormation.apply(current, parse("web: w\nworker: k\n")));
        assertEquals(List.of(new FormationEntry("web", 1, "w")), ProcfileFormation.apply(List.of(), parse("web: w")));
    }
}
