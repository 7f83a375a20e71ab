package win.pvdify.cron;

import java.util.List;
import win.pvdify.engine.DesiredApp;

/**
 * Runs an app's cron jobs: systemd timers beside the dyno units (SystemdCron), or pvdifyd's own scheduler where
 * systemd is not PID 1 (PodmanCron). Every call is idempotent.
 */
public interface CronRuntime {

    /**
     * Makes the app's installed jobs exactly these, running the given release (its image, config and limits);
     * release null or without an image = nothing deployed, so nothing is installed. A run that is going on is
     * neither stopped nor run again by this: it ends as it began, the next firing uses the new release.
     */
    void sync(String app, List<CronJob> jobs, DesiredApp release);

    /** Starts one run of the job now (under its policy: forbid skips while one runs); false when skipped. */
    boolean runNow(CronJob job, DesiredApp release);

    /** Removes every timer, unit and run container of the app, running ones included. */
    void removeAll(String app);

    /** What is known of each job's runs, in the order given. */
    List<CronJobState> states(String app, List<CronJob> jobs);

    /** "systemd" or "podman". */
    String kind();

    /** No runtime: jobs are recorded only (a daemon without effects, some tests). */
    CronRuntime NONE = new CronRuntime() {
        @Override
        public void sync(String app, List<CronJob> jobs, DesiredApp release) {
        }

        @Override
        public boolean runNow(CronJob job, DesiredApp release) {
            return false;
        }

        @Override
        public void removeAll(String app) {
        }

        @Override
        public List<CronJobState> states(String app, List<CronJob> jobs) {
            return jobs.stream().map(j -> CronJobState.unknown(j.number())).toList();
        }

        @Override
        public String kind() {
            return "none";
        }
    };
}
