package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.AddDomain;
import win.pvdify.api.Domain;
import win.pvdify.api.Operation;

/** domains, domains:add, domains:remove. */
final class DomainsCommands {
    private DomainsCommands() {
    }

    @Command(name = "domains", description = "List an app's domains.")
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
            java.util.List<Domain> domains = client().domains(n);
            if (json) {
                printJson(domains);
                return ExitCodes.OK;
            }
            java.util.List<Domain> defaults = domains.stream().filter(d -> Domain.Kind.DEFAULT.is(d.kind())).toList();
            java.util.List<Domain> custom = domains.stream().filter(d -> !Domain.Kind.DEFAULT.is(d.kind())).toList();
            heading(Text.clean(n) + " Default Domain");
            defaults.forEach(d -> out().println(Text.clean(d.hostname())));
            out().println();
            heading(Text.clean(n) + " Custom Domains");
            if (custom.isEmpty()) {
                out().println("None. Add one with: pvdify domains:add " + Text.clean(n) + " DOMAIN");
                return ExitCodes.OK;
            }
            String target = defaults.isEmpty() ? "" : Text.clean(defaults.get(0).hostname());
            Table t = Table.of("Domain Name", "DNS", "Added");
            for (Domain d : custom) {
                String dns = d.dnsRecordId() != null
                        ? "Cloudflare CNAME" + (Boolean.TRUE.equals(d.proxied()) ? " (proxied)" : "")
                        : (target.isEmpty() ? "manual" : "manual: CNAME to " + target);
                t.row(Text.clean(d.hostname()), dns, Times.stamp(d.createdAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "domains:add", description = {"Add a custom domain to an app.",
        "With --cloudflare, Pvdify also creates the CNAME record (needs a Cloudflare token on the server)."})
    static final class Add extends ApiCommand {
        @Parameters(paramLabel = "[NAME] DOMAIN", description = "The app (unless -a) and the hostname.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--cloudflare", description = "Create the DNS record in Cloudflare.")
        boolean cloudflare;

        @Option(names = "--proxied", description = "With --cloudflare: proxy through Cloudflare (orange cloud).")
        boolean proxied;

        @Option(names = "--json", description = "Print the new domain as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the DOMAIN");
            if (proxied && !cloudflare) {
                throw usage("--proxied needs --cloudflare");
            }
            String host = a.rest().get(0);
            Operation op = client().startAddDomain(a.app(), new AddDomain(host, cloudflare ? Boolean.TRUE : null,
                    proxied ? Boolean.TRUE : null));
            if (detach.detach) {
                return OperationProgress.detached(this, op, json);
            }
            OperationProgress progress = new OperationProgress(this, json).begin("Adding " + Text.clean(host) + " to "
                    + Text.clean(a.app()) + "...");
            progress.finish(progress.follow(op), "");
            Domain d = client().domains(a.app()).stream().filter(x -> x.hostname().equalsIgnoreCase(host.strip()))
                    .findFirst().orElse(new Domain(host, Domain.Kind.CUSTOM.wire(), null, null, null));
            if (json) {
                printJson(d);
                return ExitCodes.OK;
            }
            if (d.dnsRecordId() != null) {
                out().println("Cloudflare CNAME record created" + (Boolean.TRUE.equals(d.proxied()) ? " (proxied)." : "."));
            } else {
                out().println("Point a CNAME record for " + Text.clean(d.hostname())
                        + " at the app's default domain (see: pvdify domains " + Text.clean(a.app()) + ").");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "domains:remove", description = "Remove a custom domain (and its Cloudflare record, if Pvdify made it).")
    static final class Remove extends ApiCommand {
        @Parameters(paramLabel = "[NAME] DOMAIN", description = "The app (unless -a) and the hostname.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the DOMAIN");
            Operation op = client().startRemoveDomain(a.app(), a.rest().get(0));
            if (detach.detach) {
                return OperationProgress.detached(this, op, false);
            }
            OperationProgress progress = new OperationProgress(this, false).begin("Removing "
                    + Text.clean(a.rest().get(0)) + " from " + Text.clean(a.app()) + "...");
            progress.finish(progress.follow(op), "");
            return ExitCodes.OK;
        }
    }
}
