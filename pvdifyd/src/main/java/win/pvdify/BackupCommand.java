package win.pvdify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import win.pvdify.backup.ControlPlaneBackup;

/** `pvdifyd backup --to FILE [OPTIONS]` and `pvdifyd restore FILE [--keyset KEYSET] [OPTIONS]`: parse, run, exit code. */
final class BackupCommand {
    private BackupCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean backup = args[0].equals("backup");
        Path file = null;
        Path keyset = null;
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (backup && (a.equals("--to") || a.startsWith("--to="))) {
                String v = a.equals("--to") ? (i + 1 < args.length ? args[++i] : "") : a.substring(5);
                file = v.isEmpty() ? null : Path.of(v);
            } else if (!backup && (a.equals("--keyset") || a.startsWith("--keyset="))) {
                String v = a.equals("--keyset") ? (i + 1 < args.length ? args[++i] : "") : a.substring(9);
                if (v.isEmpty()) {
                    err.println("pvdifyd: --keyset needs a file");
                    return 2;
                }
                keyset = Path.of(v);
            } else if (!backup && file == null && !a.startsWith("-")) {
                file = Path.of(a);
            } else {
                rest.add(a);
            }
        }
        if (file == null) {
            err.println(backup ? "pvdifyd: usage: pvdifyd backup --to FILE [OPTIONS]"
                    : "pvdifyd: usage: pvdifyd restore FILE [--keyset KEYSET] [OPTIONS]");
            return 2;
        }
        DaemonConfig config;
        try {
            config = DaemonConfigLoader.load(rest.toArray(String[]::new), env);
        } catch (DaemonConfigLoader.BadConfig e) {
            err.println("pvdifyd: " + e.getMessage());
            return 2;
        }
        try {
            if (backup) {
                ControlPlaneBackup.create(config, file, out);
            } else {
                ControlPlaneBackup.restore(config, file, keyset, out);
            }
            return 0;
        } catch (ControlPlaneBackup.Failed | IllegalStateException e) {
            err.println("pvdifyd: " + e.getMessage());
            return 1;
        }
    }
}
