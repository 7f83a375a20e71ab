package win.pvdify.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every subcommand, by name and alias. A run registers only the subcommand it invokes: picocli builds its
 * model by reflection, and doing that for all commands costs more start-up time than the rest of
 * `pvdify apps`. Help, completion and anything unrecognised get all of them. CommandsTest keeps this table
 * equal to the @Command annotations.
 */
final class Commands {
    static final List<Class<?>> ALL = List.of(
            AppsCommands.List.class, AppsCommands.Create.class, AppsCommands.Info.class, AppsCommands.Delete.class,
            DeployCommand.class, ReleasesCommands.List.class, ReleasesCommands.Info.class, RollbackCommand.class,
            ConfigCommands.Show.class, ConfigCommands.Get.class, ConfigCommands.Set.class, ConfigCommands.Unset.class,
            DomainsCommands.List.class, DomainsCommands.Add.class, DomainsCommands.Remove.class,
            PsCommands.List.class, PsCommands.Scale.class, PsCommands.Restart.class, PsCommands.Stop.class,
            RunCommand.class, RunCommands.Settings.class,
            MaintenanceCommands.Show.class, MaintenanceCommands.On.class, MaintenanceCommands.Off.class,
            ChecksCommands.Report.class, ChecksCommands.Set.class,
            CronCommands.List_.class, CronCommands.Add.class, CronCommands.Remove.class, CronCommands.Run.class,
            AddonsCommands.List_.class, AddonsCommands.Create.class, AddonsCommands.Info.class,
            AddonsCommands.Attach.class, AddonsCommands.Detach.class, AddonsCommands.Restart.class,
            AddonsCommands.Destroy.class, PgBackupsCommands.List_.class, PgBackupsCommands.Capture.class,
            PgBackupsCommands.Restore.class, PgBackupsCommands.Download.class, AddonConnectCommands.Psql.class,
            AddonConnectCommands.RedisCli.class,
            LogsCommand.class,
            OperationsCommands.List.class, OperationsCommands.Info.class, OperationsCommands.Wait.class,
            OperationsCommands.Cancel.class,
            AuthCommands.Login.class, AuthCommands.Logout.class, AuthCommands.WhoamiCommand.class,
            TokensCommands.List.class, TokensCommands.Create.class, TokensCommands.Revoke.class,
            RegistriesCommands.List.class, RegistriesCommands.Add.class, RegistriesCommands.Remove.class,
            CloudflareCommands.Zones.class, CloudflareCommands.Records.class,
            ExportCommand.class, StatusCommand.class, CompletionCommand.class,
            BuildsCommands.List.class, BuildsCommands.Info.class, BuildsCommands.Output.class,
            BuildsCommands.Cancel.class, GitCommands.Remote.class, GitCommands.Credentials.class,
            WebhooksCommands.List.class, WebhooksCommands.Add.class, WebhooksCommands.Remove.class,
            WebhooksCommands.Deliveries.class, BackupCommands.Create.class, AuditCommand.class);

    static final Map<String, Class<?>> BY_NAME = new LinkedHashMap<>();

    static {
        name("apps", AppsCommands.List.class);
        name("apps:create", AppsCommands.Create.class);
        name("apps:info", AppsCommands.Info.class);
        name("apps:delete", AppsCommands.Delete.class);
        name("apps:destroy", AppsCommands.Delete.class);
        name("deploy", DeployCommand.class);
        name("releases", ReleasesCommands.List.class);
        name("releases:info", ReleasesCommands.Info.class);
        name("rollback", RollbackCommand.class);
        name("config", ConfigCommands.Show.class);
        name("config:get", ConfigCommands.Get.class);
        name("config:set", ConfigCommands.Set.class);
        name("config:unset", ConfigCommands.Unset.class);
        name("config:remove", ConfigCommands.Unset.class);
        name("domains", DomainsCommands.List.class);
        name("domains:add", DomainsCommands.Add.class);
        name("domains:remove", DomainsCommands.Remove.class);
        name("ps", PsCommands.List.class);
        name("ps:scale", PsCommands.Scale.class);
        name("scale", PsCommands.Scale.class);
        name("ps:restart", PsCommands.Restart.class);
        name("restart", PsCommands.Restart.class);
        name("ps:stop", PsCommands.Stop.class);
        name("stop", PsCommands.Stop.class);
        name("run", RunCommand.class);
        name("run:settings", RunCommands.Settings.class);
        name("maintenance", MaintenanceCommands.Show.class);
        name("maintenance:on", MaintenanceCommands.On.class);
        name("maintenance:off", MaintenanceCommands.Off.class);
        name("checks", ChecksCommands.Report.class);
        name("checks:report", ChecksCommands.Report.class);
        name("checks:set", ChecksCommands.Set.class);
        name("cron", CronCommands.List_.class);
        name("cron:add", CronCommands.Add.class);
        name("cron:remove", CronCommands.Remove.class);
        name("cron:run", CronCommands.Run.class);
        name("addons", AddonsCommands.List_.class);
        name("addons:create", AddonsCommands.Create.class);
        name("addons:info", AddonsCommands.Info.class);
        name("addons:attach", AddonsCommands.Attach.class);
        name("addons:detach", AddonsCommands.Detach.class);
        name("addons:restart", AddonsCommands.Restart.class);
        name("addons:destroy", AddonsCommands.Destroy.class);
        name("pg:backups", PgBackupsCommands.List_.class);
        name("pg:backups:capture", PgBackupsCommands.Capture.class);
        name("pg:backups:restore", PgBackupsCommands.Restore.class);
        name("pg:backups:download", PgBackupsCommands.Download.class);
        name("pg:psql", AddonConnectCommands.Psql.class);
        name("redis:cli", AddonConnectCommands.RedisCli.class);
        name("logs", LogsCommand.class);
        name("export", ExportCommand.class);
        name("operations", OperationsCommands.List.class);
        name("operations:info", OperationsCommands.Info.class);
        name("operations:wait", OperationsCommands.Wait.class);
        name("operations:cancel", OperationsCommands.Cancel.class);
        name("login", AuthCommands.Login.class);
        name("logout", AuthCommands.Logout.class);
        name("whoami", AuthCommands.WhoamiCommand.class);
        name("tokens", TokensCommands.List.class);
        name("tokens:create", TokensCommands.Create.class);
        name("tokens:revoke", TokensCommands.Revoke.class);
        name("registries", RegistriesCommands.List.class);
        name("registries:add", RegistriesCommands.Add.class);
        name("registries:remove", RegistriesCommands.Remove.class);
        name("cloudflare:zones", CloudflareCommands.Zones.class);
        name("cloudflare:records", CloudflareCommands.Records.class);
        name("webhooks", WebhooksCommands.List.class);
        name("webhooks:add", WebhooksCommands.Add.class);
        name("webhooks:remove", WebhooksCommands.Remove.class);
        name("webhooks:deliveries", WebhooksCommands.Deliveries.class);
        name("backup:create", BackupCommands.Create.class);
        name("audit", AuditCommand.class);
        name("status", StatusCommand.class);
        name("builds", BuildsCommands.List.class);
        name("builds:info", BuildsCommands.Info.class);
        name("builds:output", BuildsCommands.Output.class);
        name("builds:cancel", BuildsCommands.Cancel.class);
        name("git:remote", GitCommands.Remote.class);
        name("git:credentials", GitCommands.Credentials.class);
    }

    private Commands() {
    }

    private static void name(String name, Class<?> cls) {
        BY_NAME.put(name, cls);
    }

    /** The subcommands a run with these arguments needs: the one it names, or all when that is unclear. */
    static List<Class<?>> needed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--api-url") || a.equals("--token")) {
                i++; // its value
            } else if (a.startsWith("--api-url=") || a.startsWith("--token=")) {
                continue;
            } else {
                Class<?> c = BY_NAME.get(a);
                return c == null ? ALL : List.of(c);
            }
        }
        return ALL;
    }
}
