package win.pvdify.engine;

import java.util.List;
import java.util.Map;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;

/**
 * The desired state of one app as the store holds it, with config vars decrypted (in memory only).
 * release/image are those of the release to run (null image = nothing deployed yet).
 */
public record DesiredApp(
        String name,
        Integer release,
        String image,
        Map<String, String> env,
        List<FormationEntry> formation,
        int bindPort,
        Resources resources,
        Healthcheck healthcheck,
        boolean readOnly,
        List<String> hosts) {
}
