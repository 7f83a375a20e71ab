package win.pvdify.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;
import win.pvdify.api.WireValue;
import win.pvdify.dyno.DynoState;

/**
 * Reads the input half of a plans/*.case file (compact text, one fact per line):
 * <pre>
 * op: deploy 2 | converge | recover | restart [type] | remove [force]
 * app: NAME release=N|none image=IMG bind=PORT formation=web:2,worker:1 hosts=a,b health=/up[,interval,timeout,retries]
 * app: none                      (the ledger does not know the app)
 * command: TYPE the command line (rest of the line)
 * resources: MEMORY_MB CPU
 * readonly
 * current: N
 * env: PATH
 * ports: 20001 20002             (fresh ports handed to the planner)
 * drain: MILLIS
 * dyno: web.1 v1 unit=U [port=P] [state=up] [app=OTHER]
 * </pre>
 */
final class PlanCase {
    private PlanCase() {
    }

    static PlanInput parse(String text) {
        Intent intent = null;
        String appName = "app";
        Map<String, String> app = null;
        boolean appNone = false;
        Map<String, String> commands = new HashMap<>();
        Resources resources = null;
        boolean readOnly = false;
        Integer current = null;
        Path env = null;
        List<Integer> ports = new ArrayList<>();
        Duration drain = Duration.ofSeconds(2);
        List<DynoState> dynos = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("readonly")) {
                readOnly = true;
                continue;
            }
            int colon = line.indexOf(':');
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "op" -> intent = intent(value);
                case "app" -> {
                    if (value.equals("none")) {
                        appNone = true;
                    } else {
                        String[] words = value.split("\\s+");
                        appName = words[0];
                        app = pairs(Arrays.copyOfRange(words, 1, words.length));
                    }
                }
                case "command" -> {
                    String[] parts = value.split("\\s+", 2);
                    commands.put(parts[0], parts[1]);
                }
                case "resources" -> {
                    String[] parts = value.split("\\s+");
                    resources = new Resources(Integer.valueOf(parts[0]), Double.valueOf(parts[1]));
                }
                case "current" -> current = Integer.valueOf(value);
                case "env" -> env = Path.of(value);
                case "ports" -> Arrays.stream(value.split("\\s+")).map(Integer::valueOf).forEach(ports::add);
                case "drain" -> drain = Duration.ofMillis(Long.parseLong(value));
                case "dyno" -> dynos.add(dyno(value, appName));
                default -> throw new IllegalArgumentException("unknown line: " + line);
            }
        }
        DesiredApp desired = appNone || app == null ? null
                : desired(appName, app, commands, resources, readOnly);
        return new PlanInput(intent, appName, desired, current, dynos, ports, env, drain);
    }

    private static Intent intent(String value) {
        String[] words = value.split("\\s+");
        return switch (words[0]) {
            case "deploy" -> new Intent.Deploy(Integer.parseInt(words[1]));
            case "converge" -> new Intent.Converge();
            case "recover" -> new Intent.Recover();
            case "restart" -> new Intent.Restart(words.length > 1 ? words[1] : null);
            case "remove" -> new Intent.Remove(words.length > 1 && words[1].equals("force"));
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown op " + value);
        };
    }

    private static DesiredApp desired(String name, Map<String, String> app, Map<String, String> commands,
            Resources resources, boolean readOnly) {
        List<FormationEntry> formation = new ArrayList<>();
        String spec = app.getOrDefault("formation", "");
        if (!spec.isEmpty()) {
            for (String entry : spec.split(",")) {
                String[] parts = entry.split(":");
                formation.add(new FormationEntry(parts[0], Integer.parseInt(parts[1]), commands.get(parts[0])));
            }
        }
        Healthcheck health = null;
        if (app.containsKey("health")) {
            String[] parts = app.get("health").split(",");
            health = new Healthcheck(parts[0].equals("tcp") ? null : parts[0],
                    parts.length > 1 ? Integer.valueOf(parts[1]) : null,
                    parts.length > 2 ? Integer.valueOf(parts[2]) : null,
                    parts.length > 3 ? Integer.valueOf(parts[3]) : null);
        }
        String release = app.getOrDefault("release", "none");
        List<String> hosts = app.containsKey("hosts") ? List.of(app.get("hosts").split(",")) : List.of();
        return new DesiredApp(name, release.equals("none") ? null : Integer.valueOf(release), app.get("image"),
                Map.of("SECRET", "never-in-a-plan"), formation, Integer.parseInt(app.getOrDefault("bind", "0")),
                resources, health, readOnly, hosts);
    }

    private static DynoState dyno(String value, String appName) {
        String[] words = value.split("\\s+");
        String[] name = words[0].split("\\.");
        int release = Integer.parseInt(words[1].substring(1));
        Map<String, String> rest = pairs(Arrays.copyOfRange(words, 2, words.length));
        return new DynoState(rest.getOrDefault("app", appName), release, name[0], Integer.parseInt(name[1]),
                rest.get("unit"), WireValue.parse(Dyno.State.class, rest.getOrDefault("state", "up")),
                rest.containsKey("port") ? Integer.valueOf(rest.get("port")) : null, null,
                Integer.parseInt(rest.getOrDefault("restarts", "0")), null);
    }

    private static Map<String, String> pairs(String[] words) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            pairs.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return pairs;
    }
}
