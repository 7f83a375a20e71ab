package win.pvdify.api;

/** PATCH /apps/{name}: only the fields given change. */
public record UpdateApp(Integer bindPort, Resources resources, Healthcheck healthcheck, Boolean readOnly,
                        String environment) {
}
