package win.pvdify.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import win.pvdify.api.Healthcheck;

/**
 * Pure rules of the deploy health check: its defaults, the effective settings (configured ones with the defaults
 * filled in), the expected status range, and what the API accepts (problem() answers why not).
 */
public final class Healthchecks {
    public static final int DEFAULT_INTERVAL = 1;
    public static final int DEFAULT_TIMEOUT = 5;
    public static final int DEFAULT_RETRIES = 3;
    public static final String DEFAULT_STATUS = "200-399";
    public static final int DEFAULT_INITIAL_DELAY = 0;
    public static final int DEFAULT_DEPLOY_TIMEOUT = 60;
    public static final int MAX_BODY = 256;
    public static final boolean DEFAULT_LIVENESS = true;
    public static final int DEFAULT_LIVENESS_INTERVAL = 10;
    public static final int DEFAULT_LIVENESS_THRESHOLD = 3;
    public static final boolean DEFAULT_AUTO_ROLLBACK = true;
    public static final int DEFAULT_ROLLBACK_WINDOW = 300;
    public static final int MIN_ROLLBACK_WINDOW = 10;

    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e]{0,1023}");
    private static final Pattern STATUS = Pattern.compile("([1-5][0-9][0-9])(?:-([1-5][0-9][0-9]))?");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}(:|$))[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                    + "[A-Za-z0-9])?)*(?::[0-9]{1,5})?");

    private Healthchecks() {
    }

    /** An expected status range, both ends included. */
    public record StatusRange(int low, int high) {
        public boolean contains(int status) {
            return status >= low && status <= high;
        }

        @Override
        public String toString() {
            return low == high ? String.valueOf(low) : low + "-" + high;
        }
    }

    /** The configured settings with every default filled in (path, body and host stay null when not set). */
    public static Healthcheck effective(Healthcheck configured, int defaultDeployTimeout) {
        Healthcheck c = configured == null ? new Healthcheck(null, null, null, null) : configured;
        return new Healthcheck(blankToNull(c.path()), or(c.interval(), DEFAULT_INTERVAL), or(c.timeout(), DEFAULT_TIMEOUT),
                or(c.retries(), DEFAULT_RETRIES), c.status() == null ? DEFAULT_STATUS : c.status(), blankToNull(c.body()),
                blankToNull(c.host()), c.initialDelay() == null ? DEFAULT_INITIAL_DELAY : c.initialDelay(),
                or(c.deployTimeout(), defaultDeployTimeout),
                c.liveness() == null ? DEFAULT_LIVENESS : c.liveness(),
                or(c.livenessInterval(), DEFAULT_LIVENESS_INTERVAL), or(c.livenessThreshold(), DEFAULT_LIVENESS_THRESHOLD),
                c.autoRollback() == null ? DEFAULT_AUTO_ROLLBACK : c.autoRollback(),
                or(c.rollbackWindow(), DEFAULT_ROLLBACK_WINDOW));
    }

    public static Healthcheck effective(Healthcheck configured) {
        return effective(configured, DEFAULT_DEPLOY_TIMEOUT);
    }

    /** "200" or "200-399" (100..599, low <= high); throws IllegalArgumentException otherwise. */
    public static StatusRange statusRange(String text) {
        Matcher m = text == null ? null : STATUS.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("healthcheck.status must be a status code or a range like 200-399");
        }
        int low = Integer.parseInt(m.group(1));
        int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
        if (high < low) {
            throw new IllegalArgumentException("healthcheck.status range must go from low to high, got " + text);
        }
        return new StatusRange(low, high);
    }

    /** Why the API must refuse these settings (422), or null when they are fine. */
    public static String problem(Healthcheck h) {
        if (h.path() != null && !PATH.matcher(h.path()).matches()) {
            return "healthcheck.path must start with '/' and hold no spaces or control characters";
        }
        String range = range("healthcheck.interval", h.interval(), 1, 3600);
        range = range != null ? range : range("healthcheck.timeout", h.timeout(), 1, 3600);
        range = range != null ? range : range("healthcheck.retries", h.retries(), 1, 100);
        range = range != null ? range : range("healthcheck.initial_delay", h.initialDelay(), 0, 600);
        range = range != null ? range : range("healthcheck.deploy_timeout", h.deployTimeout(), 1, 3600);
        range = range != null ? range : range("healthcheck.liveness_interval", h.livenessInterval(), 1, 3600);
        range = range != null ? range : range("healthcheck.liveness_threshold", h.livenessThreshold(), 1, 100);
        range = range != null ? range : range("healthcheck.rollback_window", h.rollbackWindow(), MIN_ROLLBACK_WINDOW,
                86_400);
        if (range != null) {
            return range;
        }
        if (h.status() != null) {
            try {
                statusRange(h.status());
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (h.body() != null && (h.body().isEmpty() || h.body().length() > MAX_BODY
                || h.body().chars().anyMatch(Character::isISOControl))) {
            return "healthcheck.body must be 1 to " + MAX_BODY + " characters without control characters";
        }
        if (h.host() != null && (!HOST.matcher(h.host()).matches() || h.host().contains(":")
                && Integer.parseInt(h.host().substring(h.host().indexOf(':') + 1)) > 65535)) {
            return "healthcheck.host must be a hostname, optionally with :port (e.g. www.example.com)";
        }
        Healthcheck e = effective(h);
        if (e.initialDelay() >= e.deployTimeout()) {
            return "healthcheck.initial_delay (" + e.initialDelay() + " s) must be shorter than deploy_timeout ("
                    + e.deployTimeout() + " s)";
        }
        return null;
    }

    private static String range(String what, Integer v, int min, int max) {
        return v != null && (v < min || v > max) ? what + " must be between " + min + " and " + max : null;
    }

    private static int or(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
