package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden cases: src/test/resources/plans/*.case = input, a ---------- line, the expected steps (or error:). */
class DeployPlannerTest {
    static final String SEPARATOR = "----------";
    static final Path CASES = Path.of("src/test/resources/plans");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(file -> file.toString().endsWith(".case")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plan(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int cut = text.indexOf("\n" + SEPARATOR + "\n");
        if (cut < 0) {
            throw new IllegalArgumentException(file + " has no " + SEPARATOR + " line");
        }
        PlanInput input = PlanCase.parse(text.substring(0, cut));
        String expected = text.substring(cut + SEPARATOR.length() + 2);
        String actual;
        try {
            Plan plan = DeployPlanner.plan(input);
            actual = plan.describe();
            if (plan.restoreRoute() != null) {
                actual += "on failure: " + plan.restoreRoute().describe() + "\n";
            }
            long webStarts = plan.steps().stream()
                    .filter(step -> step instanceof Step.StartDyno start && start.spec().hostPort() != null)
                    .count();
            assertEquals(webStarts, DeployPlanner.portsNeeded(input), "portsNeeded of " + file);
        } catch (PlanException e) {
            actual = "error: " + e.getMessage() + "\n";
        }
        if (Boolean.getBoolean("plans.update")) {
            Files.writeString(file, text.substring(0, cut) + "\n" + SEPARATOR + "\n" + actual);
        }
        assertEquals(expected, actual, file.toString());
    }
}
