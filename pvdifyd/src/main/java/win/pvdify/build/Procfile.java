package win.pvdify.build;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import win.pvdify.names.ProcessType;

/**
 * A Procfile, parsed strictly (Heroku's syntax, as Dokku reads it): `type: command` per line, blank lines and
 * `#` comments allowed; a malformed line, an invalid or duplicate type or an empty command is an error naming
 * its line. `release` is not a process type: it is the release phase's command. Pure.
 */
public record Procfile(Map<String, String> types, String release) {
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+)[ \\t]*:[ \\t]*(.*)$");
    public static final int MAX_TYPES = 50;

    /** The Procfile is not valid: the message names the line. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static Procfile parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, String> types = new LinkedHashMap<>();
        String release = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new Invalid("Procfile line " + n + ": expected `type: command`");
            }
            String type = m.group(1);
            String command = m.group(2).strip();
            if (command.isEmpty()) {
                throw new Invalid("Procfile line " + n + ": " + type + " has no command");
            }
            if (command.indexOf('\0') >= 0 || command.length() > 4096) {
                throw new Invalid("Procfile line " + n + ": the command is longer than 4096 characters or has a NUL");
            }
            if (type.equals("release")) {
                if (release != null) {
                    throw new Invalid("Procfile line " + n + ": release is declared twice");
                }
                release = command;
                continue;
            }
            String problem = ProcessType.problem(type);
            if (problem != null) {
                throw new Invalid("Procfile line " + n + ": " + problem);
            }
            if (type.equals("run") || type.equals("cron")) {
                throw new Invalid("Procfile line " + n + ": " + type + " is reserved (one-off and cron dynos are"
                        + " named " + type + ".N)");
            }
            if (types.containsKey(type)) {
                throw new Invalid("Procfile line " + n + ": " + type + " is declared twice");
            }
            if (types.size() == MAX_TYPES) {
                throw new Invalid("Procfile line " + n + ": more than " + MAX_TYPES + " process types");
            }
            types.put(type, command);
        }
        return new Procfile(Collections.unmodifiableMap(types), release);
    }
}
