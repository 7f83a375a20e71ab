package win.pvdify.store;

import static win.pvdify.store.schema.Tables.RUNS;
import static win.pvdify.store.schema.Tables.RUN_SETTINGS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import win.pvdify.api.Run;
import win.pvdify.api.WireValue;
import win.pvdify.store.schema.tables.records.RunsRecord;

/** One-off runs (a row each, numbered per app) and the per-app run settings. */
public final class RunQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final Clock clock;

    public RunQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a new run with the app's next number (run.1, run.2...), state created. */
    public StoredRun insert(String app, int release, List<String> command, boolean attached, boolean tty,
                            String createdBy, Instant deadline) {
        return db.write(ctx -> {
            Integer last = ctx.select(org.jooq.impl.DSL.max(RUNS.NUMBER)).from(RUNS).where(RUNS.APP.eq(app))
                    .fetchOne().value1();
            int number = last == null ? 1 : last + 1;
            ctx.insertInto(RUNS)
                    .set(RUNS.APP, app)
                    .set(RUNS.NUMBER, number)
                    .set(RUNS.RELEASE, release)
                    .set(RUNS.COMMAND, write(command))
                    .set(RUNS.ATTACHED, attached ? 1 : 0)
                    .set(RUNS.TTY, tty ? 1 : 0)
                    .set(RUNS.STATE, Run.State.CREATED.wire())
                    .set(RUNS.CREATED_BY, createdBy)
                    .set(RUNS.CREATED_AT, clock.millis())
                    .set(RUNS.DEADLINE, deadline.toEpochMilli())
                    .execute();
            return find(app, number).orElseThrow();
        });
    }

    public Optional<StoredRun> find(String app, int number) {
        return db.read(ctx -> ctx.selectFrom(RUNS).where(RUNS.APP.eq(app)).and(RUNS.NUMBER.eq(number))
                .fetchOptional(RunQueries::toRun));
    }

    /** The app's runs, newest first. */
    public List<StoredRun> list(String app, int limit) {
        return db.read(ctx -> ctx.selectFrom(RUNS).where(RUNS.APP.eq(app)).orderBy(RUNS.NUMBER.desc())
                .limit(limit).fetch(RunQueries::toRun));
    }

    /** Every run that has not ended (created or running), of every app. */
    public List<StoredRun> unfinished() {
        return db.read(ctx -> ctx.selectFrom(RUNS)
                .where(RUNS.STATE.in(Run.State.CREATED.wire(), Run.State.RUNNING.wire()))
                .orderBy(RUNS.APP, RUNS.NUMBER).fetch(RunQueries::toRun));
    }

    /** created -> running; false when the run was not waiting (already attached, stopped or ended). */
    public boolean markRunning(String app, int number) {
        return db.write(ctx -> ctx.update(RUNS)
                .set(RUNS.STATE, Run.State.RUNNING.wire())
                .set(RUNS.STARTED_AT, clock.millis())
                .where(RUNS.APP.eq(app)).and(RUNS.NUMBER.eq(number))
                .and(RUNS.STATE.eq(Run.State.CREATED.wire()))
                .execute()) == 1;
    }

    /** Ends a run that has not ended yet; false when it had (the first end wins). */
    public boolean end(String app, int number, Run.State state, Integer exitCode, String error) {
        if (!state.ended()) {
            throw new IllegalArgumentException("not an end state: " + state);
        }
        return db.write(ctx -> ctx.update(RUNS)
                .set(RUNS.STATE, state.wire())
                .set(RUNS.EXIT_CODE, exitCode)
                .set(RUNS.ERROR, error)
                .set(RUNS.ENDED_AT, clock.millis())
                .where(RUNS.APP.eq(app)).and(RUNS.NUMBER.eq(number))
                .and(RUNS.STATE.in(Run.State.CREATED.wire(), Run.State.RUNNING.wire()))
                .execute()) == 1;
    }

    /** Whether the app's deploy tokens may start runs (false unless turned on). */
    public boolean deployTokensMayRun(String app) {
        return db.read(ctx -> ctx.select(RUN_SETTINGS.DEPLOY_TOKENS).from(RUN_SETTINGS)
                .where(RUN_SETTINGS.APP.eq(app)).fetchOptional(r -> r.value1() != null && r.value1() == 1)
                .orElse(false));
    }

    public void setDeployTokensMayRun(String app, boolean allowed) {
        db.write(ctx -> ctx.insertInto(RUN_SETTINGS)
                .set(RUN_SETTINGS.APP, app)
                .set(RUN_SETTINGS.DEPLOY_TOKENS, allowed ? 1 : 0)
                .onConflict(RUN_SETTINGS.APP).doUpdate()
                .set(RUN_SETTINGS.DEPLOY_TOKENS, allowed ? 1 : 0)
                .execute());
    }

    private static StoredRun toRun(RunsRecord r) {
        return new StoredRun(r.getApp(), r.getNumber(), r.getRelease(), read(r.getCommand()), r.getAttached() == 1,
                r.getTty() == 1, WireValue.parse(Run.State.class, r.getState()), r.getExitCode(), r.getError(),
                r.getCreatedBy(), Instant.ofEpochMilli(r.getCreatedAt()), millis(r.getStartedAt()),
                millis(r.getEndedAt()), Instant.ofEpochMilli(r.getDeadline()));
    }

    private static Instant millis(Long v) {
        return v == null ? null : Instant.ofEpochMilli(v);
    }

    private static String write(List<String> command) {
        try {
            return JSON.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable run command: " + e.getMessage(), e);
        }
    }
}
