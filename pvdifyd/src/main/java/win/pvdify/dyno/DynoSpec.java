package win.pvdify.dyno;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to run one dyno: one container of one process type of one release.
 * hostPort is null for non-web types (they get no port). command null = the image's own command.
 * envFile is the tmpfs file (0600) holding the config vars plus PORT; values never appear in a unit.
 */
public record DynoSpec(
        String app,
        int release,
        String type,
        int number,
        String image,
        List<String> command,
        Integer hostPort,
        int bindPort,
        Path envFile,
        Integer memoryMb,
        Double cpu,
        boolean readOnly) {

    /** "web.1": the name Heroku users see. */
    public String dynoName() {
        return type + "." + number;
    }

    /**
     * Suggested unit/container name, unique among dynos that exist at the same time: web dynos carry their
     * host port, so a replacement (restart stand-in, redeploy) can run next to the dyno it replaces.
     * The engine finds started dynos by (release, type, number, hostPort) in list(), not by this name.
     */
    public String unitName() {
        return DynoName.of(this).container();
    }
}
