package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import win.pvdify.api.AuditEntry;

/** audit: who changed what, newest first (admin only). */
@Command(name = "audit", description = {"Show the audit log: every change made through the API or the dashboard,",
    "newest first, with the token that made it, its result and where it came from (admin only).",
    "Never a secret value: request bodies are not recorded."})
final class AuditCommand extends ApiCommand {
    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "Only changes to this app.")
    String app;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only since then: a time (2026-01-15T10:30:00Z) or an age (30m, 12h, 7d).")
    String since;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "50",
            description = "How many to show, 1-1000 (default: ${DEFAULT-VALUE}).")
    int num;

    @Option(names = "--before", paramLabel = "ID", description = "Only entries older than this id (the next page).")
    Long before;

    @Option(names = "--json", description = "Print JSON (for scripts).")
    boolean json;

    @Override
    public Integer call() {
        if (num < 1 || num > 1000) {
            throw usage("--num must be from 1 to 1000");
        }
        if (before != null && before < 1) {
            throw usage("--before must be an entry id (1 or more)");
        }
        List<AuditEntry> entries = client().audit(app, since, before, num);
        if (json) {
            printJson(entries);
            return ExitCodes.OK;
        }
        heading("Audit log" + (app == null ? "" : " of " + Text.clean(app)));
        if (entries.isEmpty()) {
            out().println("No entries.");
            return ExitCodes.OK;
        }
        Table t = Table.of("ID", "When", "By", "App", "What", "Result", "From");
        for (AuditEntry e : entries) {
            t.row(String.valueOf(e.id()), Times.stamp(e.at(), ctx().clock()), by(e), Text.clean(e.app()),
                    Text.brief(what(e), 60), result(e), Text.clean(e.sourceIp()));
        }
        out().print(t.render());
        if (entries.size() == num) {
            out().println(style().dim("(older: pvdify audit --before " + entries.get(entries.size() - 1).id()
                    + (app == null ? "" : " -a " + Text.clean(app)) + ")"));
        }
        return ExitCodes.OK;
    }

    private static String by(AuditEntry e) {
        String name = e.tokenName() == null || e.tokenName().isBlank() ? "" : " (" + e.tokenName() + ")";
        return Text.brief(e.tokenKind() + " " + e.tokenId() + name, 40);
    }

    /** The detail a handler gave ("Deploy nginx:1.27"), else the call itself ("DELETE /apps/{name}"). */
    private static String what(AuditEntry e) {
        String call = e.method() + " " + (e.route() == null ? e.path() : e.route());
        return e.detail() == null ? call : e.detail();
    }

    private String result(AuditEntry e) {
        String r = e.status() + " " + e.outcome();
        if (e.operationId() != null) {
            r += ", op " + e.operationId() + (e.operationState() == null ? "" : " " + e.operationState());
        }
        return e.status() >= 400 || "failed".equals(e.operationState()) ? style().bad(Text.clean(r))
                : Text.clean(r);
    }
}
