package win.pvdify.api;

/** POST /apps. environment: production (default) or staging. */
public record CreateApp(String name, String environment) {
}
