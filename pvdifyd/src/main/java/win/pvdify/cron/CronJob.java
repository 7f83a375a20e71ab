package win.pvdify.cron;

import java.util.List;
import java.util.regex.Pattern;
import win.pvdify.engine.CommandWords;
import win.pvdify.names.AppName;

/**
 * A scheduled job of an app: its number (stable; the runs log as `cron.<number>`), name, crontab schedule,
 * command (a string split into words like a Procfile command, never given to a shell of ours), concurrency policy
 * and where it was declared (app.json, replaced on every deploy, or cron:add, kept until cron:remove).
 */
public record CronJob(String app, int number, String name, String schedule, String command, CronPolicy policy,
                      Source source) {

    public enum Source {
        APP_JSON, CLI;

        public String wire() {
            return this == APP_JSON ? "app.json" : "cli";
        }
    }

    public static final int MAX_COMMAND = 4096;
    public static final int MAX_JOBS = 100;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public CronJob {
        if (!AppName.isWellFormed(app) || number < 1 || number > 999_999) {
            throw new IllegalArgumentException("invalid cron job " + app + " #" + number);
        }
        String p = nameProblem(name);
        if (p == null) {
            p = commandProblem(command);
        }
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        if (schedule == null || policy == null || source == null) {
            throw new IllegalArgumentException("schedule, policy and source must be given");
        }
    }

    /** The command's words (what the container runs). */
    public List<String> words() {
        return CommandWords.split(command);
    }

    /** "cron.3": how the runs show in `pvdify logs` and `-p cron` selects them. */
    public String logName() {
        return CronRunName.TYPE + "." + number;
    }

    /** Why this job name is refused, or null. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "name is required";
        }
        if (!NAME.matcher(name).matches()) {
            return "name must be 1-63 of a-z, 0-9, '-' and '_', starting with a letter or digit";
        }
        return null;
    }

    /** Why this command is refused, or null. */
    public static String commandProblem(String command) {
        if (command == null || command.isBlank()) {
            return "command is required";
        }
        if (command.length() > MAX_COMMAND) {
            return "command is longer than " + MAX_COMMAND + " characters";
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\n' || c == '\r') {
                return "command must be one line (a newline at position " + (i + 1) + ")";
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return "command has a control character at position " + (i + 1);
            }
        }
        return null;
    }
}
