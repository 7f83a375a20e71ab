package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import win.pvdify.api.Operation;
import win.pvdify.api.ScheduledJob;
import win.pvdify.auth.Access.Action;
import win.pvdify.commands.Commands;
import win.pvdify.commands.CronJobs;
import win.pvdify.cron.CronPolicy;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * /apps/{name}/cron: list the app's scheduled jobs (with last run, exit status, next run); add or change one,
 * remove one, run one now (each an operation: 202, or 200 with ?wait=true). Bad input is a 422 naming the field
 * (the schedule's error names the crontab field and the character position).
 */
public final class CronService implements Routes.Resource {
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;

    public CronService(Guard guard, JsonIo io, ErrorAnswers errors, Commands commands, OperationAnswers answers) {
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.commands = commands;
        this.answers = answers;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/cron", this::list)
                .post("/apps/{name}/cron", this::add)
                .delete("/apps/{name}/cron/{job}", this::remove)
                .post("/apps/{name}/cron/{job}/run", this::run);
    }

    private void list(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_PS);
        io.send(res, jobs(app.name()));
    }

    private void add(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.SCALE);
        ScheduledJob body = io.require(req, ScheduledJob.class);
        String policy = body.policy() == null ? CronPolicy.FORBID.wire() : body.policy();
        ApiProblem.check(commands.cron().problem(body.name(), body.schedule(), body.command(), policy));
        StoredOperation op = commands.cron().add(app, body.name(), body.schedule().strip(), body.command().strip(),
                CronPolicy.fromWire(policy).orElseThrow(), Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, jobs(app.name())));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.SCALE);
        StoredOperation op = commands.cron().remove(app, job(req), Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, jobs(app.name())));
    }

    private void run(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.SCALE);
        StoredOperation op = commands.cron().run(app, job(req), Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, jobs(app.name())));
    }

    private static String job(ServerRequest req) {
        String name = req.path().pathParameters().get("job");
        String problem = win.pvdify.cron.CronJob.nameProblem(name);
        if (problem != null) {
            throw ApiProblem.notFound("no cron job " + win.pvdify.names.Shown.of(name) + " (" + problem + ")");
        }
        return name;
    }

    private List<ScheduledJob> jobs(String app) {
        return commands.cron().list(app).stream().map(CronService::wire).toList();
    }

    static ScheduledJob wire(CronJobs.Listed l) {
        var j = l.job();
        var s = l.state();
        return new ScheduledJob(j.name(), j.schedule(), j.command(), j.policy().wire(), j.number(), j.logName(),
                j.source().wire(), s.running(), s.lastRunAt(), s.lastExitStatus(), s.nextRunAt());
    }
}
