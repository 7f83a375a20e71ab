package win.pvdify.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronPolicy;
import win.pvdify.secrets.SecretBox;

/** cron_jobs on a real SQLite file: numbering, change by name, two sources, removal, the app's delete. */
class CronQueriesTest {

    @Test
    void jobsAreNumberedPerAppChangedByNameAndGoWithTheApp() {
        Path dir = TestDaemon.newDataDir();
        try (Store store = Store.open(dir.resolve("pvdify.db"), SecretBox.fromKeysetFile(dir.resolve("keyset.json")),
                Clock.systemUTC())) {
            store.apps().insert("shop", "production");
            store.apps().insert("blog", "production");
            CronJob a = store.cron().put("shop", "report", "@daily", "bin/report", CronPolicy.FORBID, CronJob.Source.CLI);
            CronJob b = store.cron().put("shop", "sync", "*/5 * * * *", "bin/sync", CronPolicy.REPLACE,
                    CronJob.Source.APP_JSON);
            CronJob other = store.cron().put("blog", "report", "@hourly", "bin/x", CronPolicy.ALLOW, CronJob.Source.CLI);
            assertEquals(1, a.number());
            assertEquals(2, b.number());
            assertEquals(1, other.number(), "numbers are per app");

            CronJob changed = store.cron().put("shop", "report", "0 3 * * *", "bin/report --all", CronPolicy.ALLOW,
                    CronJob.Source.APP_JSON);
            assertEquals(1, changed.number(), "a change keeps the number (and the log name cron.1)");
            assertEquals(List.of(changed, b), store.cron().list("shop"));
            assertEquals(CronJob.Source.APP_JSON, store.cron().find("shop", "report").orElseThrow().source());

            assertTrue(store.cron().remove("shop", "sync"));
            assertFalse(store.cron().remove("shop", "sync"));
            assertEquals(List.of("report"), store.cron().list("shop").stream().map(CronJob::name).toList());

            store.apps().delete("shop");
            assertEquals(List.of(), store.cron().list("shop"), "the app's jobs go with it");
            assertEquals(List.of(other), store.cron().list("blog"));
        }
    }
}
