package win.pvdify.cron;

import java.util.Optional;
import java.util.regex.Pattern;
import win.pvdify.names.AppName;

/**
 * The names of a job's units and run containers: `pvdify-<app>.cron.<number>` (the .timer and .service, and
 * the container of a forbid/replace run, of which there is one at a time) and `pvdify-<app>.cron.<number>.r<id>`
 * for an allow run (several at once). These never parse as a DynoName (no `.v<release>`), so the dyno
 * supervisors never list, revive or remove them; the log sources read them as dyno `cron.<number>`.
 */
public record CronRunName(String app, int number, String run) {
    public static final String TYPE = "cron";
    private static final Pattern NAME = Pattern.compile(
            "pvdify-(" + AppName.SYNTAX + ")\\.cron\\.([1-9][0-9]{0,5})(?:\\.r([0-9a-z]{1,40}))?");

    public CronRunName {
        if (!AppName.isWellFormed(app) || number < 1 || number > 999_999
                || (run != null && !run.matches("[0-9a-z]{1,40}"))) {
            throw new IllegalArgumentException("invalid cron run " + app + " " + number + " " + run);
        }
    }

    public static CronRunName of(CronJob job) {
        return new CronRunName(job.app(), job.number(), null);
    }

    /** The unit base name and the container of a single run: `pvdify-<app>.cron.<n>`. */
    public String base() {
        return "pvdify-" + app + "." + TYPE + "." + number;
    }

    public String container() {
        return run == null ? base() : base() + ".r" + run;
    }

    public String service() {
        return base() + ".service";
    }

    public String timer() {
        return base() + ".timer";
    }

    /** "cron.3" */
    public String dyno() {
        return TYPE + "." + number;
    }

    /** A container or unit name of a cron run; empty when it is not one. */
    public static Optional<CronRunName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.startsWith("/") ? name.substring(1) : name;
        for (String suffix : new String[] {".service", ".timer"}) {
            if (n.endsWith(suffix)) {
                n = n.substring(0, n.length() - suffix.length());
            }
        }
        var m = NAME.matcher(n);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CronRunName(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The glob of every cron unit of the app. */
    public static String unitGlob(String app) {
        if (!AppName.isWellFormed(app)) {
            throw new IllegalArgumentException("invalid app name: " + app);
        }
        return "pvdify-" + app + "." + TYPE + ".*";
    }
}
