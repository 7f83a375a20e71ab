package win.pvdify.api;

import java.util.List;

/** POST /apps/{name}/ps/scale: {"updates":[{"type":"web","count":3}]}. */
public record ScaleRequest(List<FormationEntry> updates) {
}
