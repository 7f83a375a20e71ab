package win.pvdify.cron;

import java.time.Instant;

/**
 * What the runtime knows of one job: running runs now, when the last run started and its exit status (null =
 * none yet, or still running, or not tracked: allow runs under systemd), and the next firing (null = unknown).
 */
public record CronJobState(int number, int running, Instant lastRunAt, Integer lastExitStatus, Instant nextRunAt) {

    public static CronJobState unknown(int number) {
        return new CronJobState(number, 0, null, null, null);
    }
}
