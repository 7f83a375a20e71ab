package win.pvdify.commands;

import win.pvdify.ops.OperationHandlers;
import win.pvdify.ops.OperationWork;
import win.pvdify.store.StoredOperation;

/** Which use case does each kind of operation. */
public record CommandHandlers(ReleaseChanges releases, ProcessChanges processes, DomainChanges domains,
                              AppRemoval removal, MaintenanceChanges maintenance, CronJobs cron,
                              BuildChanges builds, AddonChanges addons, AddonBackups backups)
        implements OperationHandlers {

    @Override
    public OperationWork workFor(StoredOperation op) {
        return switch (op.kind()) {
            case DEPLOY, ROLLBACK, CONFIG -> releases.work(op);
            case SCALE, RESTART -> processes.work(op);
            case DOMAIN_ADD, DOMAIN_REMOVE -> domains.work(op);
            case APP_DELETE -> removal.work(op);
            case MAINTENANCE -> maintenance.work(op);
            case CRON_ADD, CRON_REMOVE, CRON_RUN -> cron.work(op);
            case BUILD -> builds.work(op);
            case ADDON_CREATE, ADDON_ATTACH, ADDON_DETACH, ADDON_RESTART, ADDON_DESTROY -> addons.work(op);
            case ADDON_BACKUP, ADDON_RESTORE -> backups.work(op);
        };
    }
}
