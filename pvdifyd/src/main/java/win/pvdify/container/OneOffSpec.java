package win.pvdify.container;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import win.pvdify.dyno.DynoName;

/**
 * One run of a release's image outside the formation (`pvdify run`, later cron and release-phase runs): the
 * release's image with a given command, its own tmpfs env file (the release's config plus this run's extras;
 * values never here), the app's limits. type names the kind of run ("run" for `pvdify run`) and number counts
 * runs per app, so the container is `pvdify-<app>.<type>.<number>.v<release>` and its output appears in `pvdify
 * logs` as `run.N`. attached: a client attaches to its stdin (and tty gives it a terminal); deadline: when pvdifyd
 * stops it, whatever it is doing.
 */
public record OneOffSpec(String app, int release, String type, int number, String image, List<String> command,
                         Path envFile, Integer memoryMb, Double cpu, boolean readOnly, boolean attached, boolean tty,
                         Instant deadline) {

    public OneOffSpec {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a one-off run needs a command");
        }
        command = List.copyOf(command);
        if (tty && !attached) {
            throw new IllegalArgumentException("a terminal needs an attached client");
        }
        if (deadline == null) {
            throw new IllegalArgumentException("a one-off run needs a deadline");
        }
    }

    /** Validates app, type, number and release the way dyno names are. */
    public DynoName name() {
        return new DynoName(app, type, number, release);
    }
}
