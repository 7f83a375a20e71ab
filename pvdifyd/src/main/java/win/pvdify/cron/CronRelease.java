package win.pvdify.cron;

import java.util.Map;
import java.util.TreeMap;
import win.pvdify.engine.DesiredApp;

/** What a run takes from the app's current release. Pure. */
public final class CronRelease {
    private CronRelease() {
    }

    /** Whether there is a release with an image to run. */
    public static boolean deployed(DesiredApp d) {
        return d != null && d.release() != null && d.image() != null;
    }

    /** The env a run gets: the release's config vars plus PORT, exactly as its dynos (one shared env file). */
    public static Map<String, String> env(DesiredApp d) {
        Map<String, String> env = new TreeMap<>();
        if (d.env() != null) {
            env.putAll(d.env());
        }
        env.put("PORT", String.valueOf(d.bindPort()));
        return env;
    }

    public static CronContainers.Release of(DesiredApp d, java.nio.file.Path envFile) {
        Integer memory = d.resources() == null ? null : d.resources().memoryMb();
        Double cpu = d.resources() == null ? null : d.resources().cpu();
        return new CronContainers.Release(d.release(), d.image(), envFile, memory, cpu);
    }
}
