package win.pvdify.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Addon;
import win.pvdify.api.AddonBackup;
import win.pvdify.api.Operation;

/**
 * pg:backups, pg:backups:capture, pg:backups:restore, pg:backups:download: backups of an app's postgres add-on
 * (the one attached as DATABASE_URL unless --addon names another), Heroku's names.
 */
final class PgBackupsCommands {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PgBackupsCommands() {
    }

    /** The options every pg:backups command shares. */
    static final class Target {
        @Option(names = {"-a", "--app"}, required = true, paramLabel = "NAME", description = "The app.")
        String app;

        @Option(names = "--addon", paramLabel = "ADDON", description = "The postgres add-on (default: the app's"
                + " DATABASE_URL one).")
        String addon;

        String resolve(ApiCommand cmd) {
            if (addon != null) {
                return addon;
            }
            List<Addon> pgs = cmd.client().addons(app).stream().filter(a -> a.kind().equals("postgres")).toList();
            return pgs.stream().filter(a -> a.attachments().stream().anyMatch(t -> t.app().equals(app)
                            && t.var().equals("DATABASE_URL"))).findFirst()
                    .or(() -> pgs.stream().filter(a -> a.app().equals(app)).findFirst())
                    .or(() -> pgs.stream().findFirst())
                    .map(Addon::name)
                    .orElseThrow(() -> CliException.notFound(Text.clean(app) + " has no postgres add-on (create one"
                            + " with pvdify addons:create postgres -a " + Text.clean(app) + ")"));
        }
    }

    @Command(name = "pg:backups", description = "List the backups of an app's postgres add-on.")
    static final class List_ extends ApiCommand {
        @Mixin
        Target target;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String addon = target.resolve(this);
            List<AddonBackup> backups = client().backups(addon);
            if (json) {
                printJson(backups);
            } else {
                print(this, addon, backups);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "pg:backups:capture", description = {"Back up an app's postgres add-on now (pg_dump).",
        "The backup is encrypted on the server as it is written (Tink streaming AEAD)."})
    static final class Capture extends ApiCommand {
        @Mixin
        Target target;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            String addon = target.resolve(this);
            return follow(this, addon, client().startCaptureBackup(addon), detach.detach,
                    "Backing up " + Text.clean(addon) + "...");
        }
    }

    @Command(name = "pg:backups:restore", description = {"Restore a backup into an app's postgres add-on"
            + " (pg_restore --clean: tables in the backup are replaced).",
        "Asks you to type the app name; scripts pass --confirm NAME."})
    static final class Restore extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The backup (pvdify pg:backups).")
        long id;

        @Mixin
        Target target;

        @Option(names = "--confirm", paramLabel = "NAME", description = "The app's name again.")
        String confirm;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            String addon = target.resolve(this);
            Confirmation.require(target.app, confirm, ctx().terminal(), out(), style(),
                    "This will overwrite the data of " + Text.clean(addon) + " with backup " + id + ".");
            return follow(this, addon, client().startRestoreBackup(addon, id), detach.detach,
                    "Restoring " + Text.clean(addon) + " from backup " + id + "...");
        }
    }

    @Command(name = "pg:backups:download", description = "Download a backup, decrypted (pg_dump custom format; "
            + "pg_restore reads it).")
    static final class Download extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The backup (pvdify pg:backups).")
        long id;

        @Mixin
        Target target;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default"
                + " latest.dump).")
        Path output = Path.of("latest.dump");

        @Override
        public Integer call() {
            String addon = target.resolve(this);
            Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                client().downloadBackup(addon, id, out);
            } catch (IOException e) {
                throw CliException.error("cannot write " + output + ": " + e.getMessage());
            }
            try {
                Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out().println("Backup " + id + " of " + Text.clean(addon) + " written to " + output + " ("
                        + Files.size(output) + " bytes)");
            } catch (IOException e) {
                throw CliException.error("cannot write " + output + ": " + e.getMessage());
            }
            return ExitCodes.OK;
        }
    }

    private static int follow(ApiCommand cmd, String addon, Operation op, boolean detach, String doing) {
        if (detach) {
            return OperationProgress.detached(cmd, op, false);
        }
        OperationProgress progress = new OperationProgress(cmd, false).begin(doing);
        progress.finish(progress.follow(op), "");
        print(cmd, addon, cmd.client().backups(addon));
        return ExitCodes.OK;
    }

    private static void print(ApiCommand cmd, String addon, List<AddonBackup> backups) {
        cmd.heading(Text.clean(addon) + " Backups");
        if (backups.isEmpty()) {
            cmd.out().println("no backups (capture one with pvdify pg:backups:capture -a APP)");
            return;
        }
        Table t = Table.of("ID", "Created", "State", "Size", "Error");
        for (AddonBackup b : backups) {
            t.row(String.valueOf(b.id()), AT.format(b.createdAt()), cmd.style().state(Text.clean(b.state())),
                    b.bytes() == null ? "" : b.bytes() + " B", b.error() == null ? "" : Text.brief(b.error(), 80));
        }
        cmd.out().print(t.render());
    }
}
