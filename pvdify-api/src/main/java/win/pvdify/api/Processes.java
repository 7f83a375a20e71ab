package win.pvdify.api;

import java.util.List;

/** GET /apps/{name}/ps: the formation (desired) and the dynos (observed). */
public record Processes(List<FormationEntry> formation, List<Dyno> dynos) {
}
