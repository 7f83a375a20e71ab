package win.pvdify.store;

import static win.pvdify.store.schema.Tables.CRON_JOBS;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronPolicy;

/** An app's scheduled jobs (cron_jobs), numbered per app; app.json's and cron:add's side by side. */
public final class CronQueries {
    private final Database db;
    private final Clock clock;

    public CronQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<CronJob> list(String app) {
        return db.read(ctx -> ctx.selectFrom(CRON_JOBS).where(CRON_JOBS.APP.eq(app)).orderBy(CRON_JOBS.NUMBER)
                .fetch(r -> new CronJob(r.getApp(), r.getNumber(), r.getName(), r.getSchedule(), r.getCommand(),
                        CronPolicy.fromWire(r.getPolicy()).orElse(CronPolicy.FORBID), source(r.getSource()))));
    }

    public Optional<CronJob> find(String app, String name) {
        return list(app).stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /**
     * Adds the job or changes the one of that name (keeping its number; its source becomes the given one).
     * A new job gets the number after the highest one the app has.
     */
    public CronJob put(String app, String name, String schedule, String command, CronPolicy policy,
                       CronJob.Source source) {
        return db.write(ctx -> {
            Integer number = ctx.select(CRON_JOBS.NUMBER).from(CRON_JOBS)
                    .where(CRON_JOBS.APP.eq(app), CRON_JOBS.NAME.eq(name)).fetchOne(CRON_JOBS.NUMBER);
            if (number == null) {
                Integer max = ctx.select(org.jooq.impl.DSL.max(CRON_JOBS.NUMBER)).from(CRON_JOBS)
                        .where(CRON_JOBS.APP.eq(app)).fetchOne(0, Integer.class);
                number = (max == null ? 0 : max) + 1;
            }
            CronJob job = new CronJob(app, number, name, schedule, command, policy, source);
            ctx.insertInto(CRON_JOBS)
                    .set(CRON_JOBS.APP, app)
                    .set(CRON_JOBS.NUMBER, job.number())
                    .set(CRON_JOBS.NAME, name)
                    .set(CRON_JOBS.SCHEDULE, schedule)
                    .set(CRON_JOBS.COMMAND, command)
                    .set(CRON_JOBS.POLICY, policy.wire())
                    .set(CRON_JOBS.SOURCE, source.wire())
                    .set(CRON_JOBS.CREATED_AT, clock.millis())
                    .onConflict(CRON_JOBS.APP, CRON_JOBS.NUMBER).doUpdate()
                    .set(CRON_JOBS.SCHEDULE, schedule)
                    .set(CRON_JOBS.COMMAND, command)
                    .set(CRON_JOBS.POLICY, policy.wire())
                    .set(CRON_JOBS.SOURCE, source.wire())
                    .execute();
            return job;
        });
    }

    /** Removes the job; true when it existed. */
    public boolean remove(String app, String name) {
        return db.write(ctx -> ctx.deleteFrom(CRON_JOBS)
                .where(CRON_JOBS.APP.eq(app), CRON_JOBS.NAME.eq(name)).execute()) > 0;
    }

    private static CronJob.Source source(String wire) {
        return "app.json".equals(wire) ? CronJob.Source.APP_JSON : CronJob.Source.CLI;
    }
}
