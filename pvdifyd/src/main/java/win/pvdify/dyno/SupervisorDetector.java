package win.pvdify.dyno;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Chooses how dynos are supervised: "systemd" when systemd is PID 1 (/run/systemd/system exists and systemctl
 * answers), else "podman" (the Podman-API fallback). Configuration may force either.
 */
public final class SupervisorDetector {
    private SupervisorDetector() {
    }

    /** forced: "systemd", "podman", or null/"auto". */
    public static String detect(String forced, boolean runSystemdSystemExists, BooleanSupplier systemctlWorks) {
        if (forced != null && !forced.isBlank() && !forced.equals("auto")) {
            if (!forced.equals("systemd") && !forced.equals("podman")) {
                throw new IllegalArgumentException("supervisor must be auto, systemd or podman, not: " + forced);
            }
            return forced;
        }
        return runSystemdSystemExists && systemctlWorks.getAsBoolean() ? "systemd" : "podman";
    }

    /** Detects on this host. */
    public static String detect(String forced) {
        return detect(forced, Files.isDirectory(Path.of("/run/systemd/system")), SupervisorDetector::systemctlAnswers);
    }

    private static boolean systemctlAnswers() {
        try {
            Process p = new ProcessBuilder("systemctl", "show", "-p", "Version", "--value")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
