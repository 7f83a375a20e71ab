package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CommandsTest {
    @Test
    void theNameTableMatchesTheAnnotations() {
        Map<String, Class<?>> fromAnnotations = new LinkedHashMap<>();
        for (Class<?> c : Commands.ALL) {
            Command cmd = c.getAnnotation(Command.class);
            if (!cmd.name().equals("completion")) {
                fromAnnotations.put(cmd.name(), c);
                for (String alias : cmd.aliases()) {
                    fromAnnotations.put(alias, c);
                }
            }
        }
        assertEquals(new java.util.TreeMap<>(fromAnnotations), new java.util.TreeMap<>(Commands.BY_NAME));
    }

    @Test
    void aRunRegistersOnlyTheCommandItNames() {
        assertEquals(List.of(AppsCommands.List.class), Commands.needed(new String[] {"apps", "--json"}));
        assertEquals(List.of(ConfigCommands.Set.class),
                Commands.needed(new String[] {"--api-url", "http://x", "--token=t", "config:set", "a", "K=V"}));
        assertEquals(Commands.ALL, Commands.needed(new String[] {"--help"}));
        assertEquals(Commands.ALL, Commands.needed(new String[] {"completion", "bash"}));
        assertEquals(Commands.ALL, Commands.needed(new String[] {"app"}));
        assertEquals(Commands.ALL, Commands.needed(new String[] {}));
    }
}
