package win.pvdify.store;

import java.nio.file.Path;
import java.time.Clock;
import win.pvdify.secrets.SecretBox;

/** The open database and one Queries object per table. */
public record Store(
        Database db,
        AppQueries apps,
        ReleaseQueries releases,
        ConfigQueries config,
        FormationQueries formation,
        DomainQueries domains,
        TokenQueries tokens,
        EventQueries events,
        RegistryQueries registries,
        OperationQueries operations,
        MaintenanceQueries maintenance,
        RunQueries runs,
        CronQueries cron,
        BuildQueries builds, AuditQueries audit, AddonQueries addons,
        BackupQueries backups) implements AutoCloseable {

    public static Store open(Path file, SecretBox box, Clock clock) {
        Database db = Database.open(file);
        return new Store(db, new AppQueries(db, clock), new ReleaseQueries(db, clock), new ConfigQueries(db, clock, box),
                new FormationQueries(db), new DomainQueries(db, clock), new TokenQueries(db, clock),
                new EventQueries(db, clock), new RegistryQueries(db, clock, box),
                new OperationQueries(db, clock), new MaintenanceQueries(db, clock),
                new RunQueries(db, clock),
                new CronQueries(db, clock),
                new BuildQueries(db, clock), new AuditQueries(db),
                new AddonQueries(db, clock, box),
                new BackupQueries(db, clock));
    }

    @Override
    public void close() {
        db.close();
    }
}
