package win.pvdify.cli;

import java.io.PrintWriter;

/** Heroku's confirmation for destructive commands: type the app name, or pass --confirm NAME. */
final class Confirmation {
    private Confirmation() {
    }

    static void require(String app, String confirm, Terminal terminal, PrintWriter out, Style style, String warning) {
        if (confirm != null) {
            if (!confirm.equals(app)) {
                throw CliException.error("Confirmation " + Text.brief(confirm, 60) + " did not match "
                        + Text.clean(app) + ". Aborted.");
            }
            return;
        }
        if (!terminal.interactive()) {
            throw CliException.error("Refusing to go on without a terminal to confirm on: re-run with --confirm "
                    + Text.clean(app));
        }
        out.println(style.warn(" !    WARNING: " + warning));
        out.println(" !    To proceed, type " + style.heading(Text.clean(app)) + " or re-run this command with --confirm "
                + Text.clean(app));
        out.flush();
        String typed = terminal.readLine("> ");
        if (typed == null || !typed.strip().equals(app)) {
            throw CliException.error("Confirmation did not match " + Text.clean(app) + ". Aborted.");
        }
    }
}
