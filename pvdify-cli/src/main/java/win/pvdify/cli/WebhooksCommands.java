package win.pvdify.cli;

import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.CreateWebhook;
import win.pvdify.api.Webhook;
import win.pvdify.api.WebhookDelivery;

/** webhooks, webhooks:add, webhooks:remove, webhooks:deliveries (admin). */
final class WebhooksCommands {
    private WebhooksCommands() {
    }

    @Command(name = "webhooks", description = "List an app's webhooks (their URLs shortened: a path may be a secret).")
    static final class List extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            java.util.List<Webhook> hooks = client().webhooks(n);
            if (json) {
                printJson(hooks);
                return ExitCodes.OK;
            }
            heading(Text.clean(n) + " Webhooks");
            if (hooks.isEmpty()) {
                out().println("No webhooks. Add one: pvdify webhooks:add " + Text.clean(n) + " URL");
                return ExitCodes.OK;
            }
            Table t = Table.of("ID", "URL", "Include", "Format", "Signed", "Created");
            for (Webhook w : hooks) {
                t.row(Text.clean(w.id()), Text.clean(w.url()), Text.clean(String.join(",", w.include())),
                        Text.clean(w.format()), w.signed() ? "yes" : "no", Times.stamp(w.createdAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "webhooks:add", description = {"Send an app's events to a URL (JSON POSTs, retried with back-off).",
        "With --secret, each delivery is signed: Pvdify-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, t + \".\" + body))."})
    static final class Add extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The app.")
        String name;

        @Parameters(paramLabel = "URL", description = "http:// or https:// receiver.")
        String url;

        @Option(names = {"-i", "--include"}, paramLabel = "EVENTS", defaultValue = "operation",
                description = "Comma-separated: release, build, dyno, operation (default: ${DEFAULT-VALUE}).")
        String include;

        @Option(names = {"-s", "--secret"}, paramLabel = "SECRET",
                description = "Signing secret, 8 to 256 characters (stored encrypted).")
        String secret;

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
                description = "json (default) or slack (a Slack incoming-webhook message).")
        String format;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            root.secrets().add(secret);
            java.util.List<String> events = Arrays.stream(include.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
            if (events.isEmpty()) {
                throw usage("--include needs at least one of release, build, dyno, operation");
            }
            Webhook w = client().addWebhook(name, new CreateWebhook(url, events, format, secret));
            if (json) {
                printJson(w);
                return ExitCodes.OK;
            }
            out().println("Added webhook " + Text.clean(w.id()) + " to " + Text.clean(name) + ": "
                    + Text.clean(w.url()) + " (" + Text.clean(String.join(",", w.include())) + ", " + w.format()
                    + (w.signed() ? ", signed" : "") + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "webhooks:remove", description = "Remove a webhook (its delivery log goes with it).")
    static final class Remove extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The app.")
        String name;

        @Parameters(paramLabel = "ID", description = "The webhook's ID (see: pvdify webhooks NAME).")
        String id;

        @Override
        public Integer call() {
            client().removeWebhook(name, id);
            out().println("Removing webhook " + Text.clean(id) + " from " + Text.clean(name) + "... "
                    + style().good("done"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "webhooks:deliveries", description = "A webhook's deliveries, newest first: state, attempts, "
        + "the receiver's last status code or error.")
    static final class Deliveries extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The app.")
        String name;

        @Parameters(paramLabel = "ID", description = "The webhook's ID.")
        String id;

        @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "20",
                description = "How many, 1-1000 (default: ${DEFAULT-VALUE}).")
        int num;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            if (num < 1 || num > 1000) {
                throw usage("--num must be from 1 to 1000");
            }
            java.util.List<WebhookDelivery> list = client().webhookDeliveries(name, id, num);
            if (json) {
                printJson(list);
                return ExitCodes.OK;
            }
            heading("Deliveries of " + Text.clean(id));
            if (list.isEmpty()) {
                out().println("No deliveries yet.");
                return ExitCodes.OK;
            }
            Table t = Table.of("ID", "Event", "Operation", "State", "Attempts", "Status", "Error", "Created");
            for (WebhookDelivery d : list) {
                String state = Text.clean(d.state());
                t.row(String.valueOf(d.id()), Text.clean(d.event()),
                        d.operationId() == null ? "" : String.valueOf(d.operationId()),
                        "failed".equals(d.state()) ? style().bad(state) : state, String.valueOf(d.attempts()),
                        d.statusCode() == null ? "" : String.valueOf(d.statusCode()), Text.brief(d.error(), 50),
                        Times.stamp(d.createdAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }
}
