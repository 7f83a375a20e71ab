package win.pvdify.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import win.pvdify.api.FormationEntry;

/** Reading and checking an app's formation for the planner (pure). */
final class Formations {
    static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_-]{0,29}$");
    static final int MAX_COUNT = 100;

    private Formations() {
    }

    /** Checks the desired state enough to run it; needImage: a deploy/restart must have a release to run. */
    static DesiredApp check(DesiredApp desired, boolean needImage) {
        if (desired == null) {
            throw new PlanException("unknown app or release");
        }
        if (needImage && (desired.release() == null || desired.image() == null || desired.image().isBlank())) {
            throw new PlanException("nothing to run: no release with an image");
        }
        Set<String> seen = new HashSet<>();
        for (FormationEntry entry : entries(desired)) {
            if (entry == null || entry.type() == null || !TYPE.matcher(entry.type()).matches()) {
                throw new PlanException("invalid process type: " + (entry == null ? null : entry.type()));
            }
            if (!seen.add(entry.type())) {
                throw new PlanException("process type listed twice: " + entry.type());
            }
            if (entry.count() < 0 || entry.count() > MAX_COUNT) {
                throw new PlanException(entry.type() + " count must be 0.." + MAX_COUNT + ", got " + entry.count());
            }
        }
        if (count(desired, DeployPlanner.WEB) > 0 && (desired.bindPort() < 1 || desired.bindPort() > 65535)) {
            throw new PlanException("bind port must be 1..65535, got " + desired.bindPort());
        }
        return desired;
    }

    static int count(DesiredApp desired, String type) {
        return entries(desired).stream().filter(e -> e.type().equals(type)).mapToInt(FormationEntry::count)
                .findFirst().orElse(0);
    }

    static String command(DesiredApp desired, String type) {
        return entries(desired).stream().filter(e -> e.type().equals(type)).findFirst()
                .map(FormationEntry::command).orElse(null);
    }

    /** web first, then the others by name. */
    static List<String> types(DesiredApp desired) {
        List<String> types = new ArrayList<>();
        if (entries(desired).stream().anyMatch(e -> e.type().equals(DeployPlanner.WEB))) {
            types.add(DeployPlanner.WEB);
        }
        types.addAll(otherTypes(desired));
        return types;
    }

    static List<String> otherTypes(DesiredApp desired) {
        return entries(desired).stream().map(FormationEntry::type)
                .filter(type -> !type.equals(DeployPlanner.WEB)).sorted().toList();
    }

    private static List<FormationEntry> entries(DesiredApp desired) {
        return desired.formation() == null ? List.of() : desired.formation();
    }
}
