package win.pvdify.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The podman CLI of one test setup (inside a namespace or with its own storage) and its list queries. */
record Podman(List<String> command) {
    Cmd.Result run(String... args) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of(args));
        return Cmd.run(cmd);
    }

    String ok(String... args) {
        Cmd.Result r = run(args);
        if (!r.ok()) {
            throw new IllegalStateException("podman " + String.join(" ", args) + " failed: " + r.output());
        }
        return r.output();
    }

    List<String> names(String app, boolean all) {
        List<String> args = new ArrayList<>(List.of("ps", "--filter", "label=pvdify.app=" + app, "--format",
                "{{.Names}}"));
        if (all) {
            args.add(1, "-a");
        }
        return Arrays.stream(ok(args.toArray(String[]::new)).split("\n")).map(String::strip)
                .filter(s -> !s.isEmpty()).sorted().toList();
    }
}
