package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;
import win.pvdify.DaemonConfig;
import win.pvdify.auth.Access.Action;
import win.pvdify.backup.ControlPlaneBackup;

/**
 * POST /backups (admin): a control-plane backup, made now and answered as the file (the same as `pvdifyd backup`:
 * encrypted with the keyset, which is not in it). One at a time: each holds the database in memory.
 */
public final class BackupService implements Routes.Resource {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private final DaemonConfig config;
    private final ErrorAnswers errors;
    private final Clock clock;
    private final ReentrantLock one = new ReentrantLock();

    public BackupService(DaemonConfig config, ErrorAnswers errors, Clock clock) {
        this.config = config;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.post("/backups", this::create);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        if (!one.tryLock()) {
            throw ApiProblem.conflict("a backup is being made right now; try again in a moment");
        }
        ControlPlaneBackup.Archive a;
        try {
            a = ControlPlaneBackup.archive(config, config.dataDir(), ".api-backup");
        } catch (ControlPlaneBackup.Failed e) {
            throw ApiProblem.unavailable(e.getMessage());
        } finally {
            one.unlock();
        }
        AuditNote.note(req, null, null, "Create a control-plane backup (" + a.counts() + ")");
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header("Content-Disposition", "attachment; filename=\"pvdify-" + STAMP.format(clock.instant())
                + ".backup\"");
        res.header("X-Pvdify-Backup-Contents", a.counts());
        res.send(a.bytes());
    }
}
