package win.pvdify.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.api.FormationEntry;

/**
 * The formation a Procfile makes of the current one (Heroku's rules): its types get their commands, keep their
 * counts, and a type new to the app starts at 1 for web and 0 for the others (ps:scale them); types that left the
 * Procfile are scaled to zero. Pure.
 */
public final class ProcfileFormation {
    private ProcfileFormation() {
    }

    public static List<FormationEntry> apply(List<FormationEntry> current, Procfile procfile) {
        Map<String, FormationEntry> now = new LinkedHashMap<>();
        current.forEach(e -> now.put(e.type(), e));
        List<FormationEntry> out = new ArrayList<>();
        procfile.types().forEach((type, command) -> {
            FormationEntry was = now.get(type);
            int count = was != null ? was.count() : type.equals("web") ? 1 : 0;
            out.add(new FormationEntry(type, count, command));
        });
        for (FormationEntry e : current) {
            if (!procfile.types().containsKey(e.type())) {
                out.add(new FormationEntry(e.type(), 0, e.command()));
            }
        }
        out.sort(java.util.Comparator.comparing(FormationEntry::type));
        return out;
    }
}
