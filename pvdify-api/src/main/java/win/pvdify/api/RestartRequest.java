package win.pvdify.api;

/** POST /apps/{name}/ps/restart. type null = every process type. */
public record RestartRequest(String type) {
}
