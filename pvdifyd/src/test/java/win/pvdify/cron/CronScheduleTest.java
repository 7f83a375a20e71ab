package win.pvdify.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** crontab schedules to systemd OnCalendar= (what the timers use) and to next firings (the fallback's scheduler). */
class CronScheduleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "* * * * *           | *-*-* *:*:00",
            "*/15 * * * *        | *-*-* *:00,15,30,45:00",
            "0 3 * * *           | *-*-* 03:00:00",
            "30 2 1 * *          | *-*-01 02:30:00",
            "0 0 * * 1-5         | Mon,Tue,Wed,Thu,Fri *-*-* 00:00:00",
            "0 9 * jan,jul sun   | Sun *-01,07-* 09:00:00",
            "0 9 * * 7           | Sun *-*-* 09:00:00",
            "5-20/5 8-10 * * *   | *-*-* 08,09,10:05,10,15,20:00",
            "0 12 * * mon/2      | Mon,Wed,Fri *-*-* 12:00:00",
            "@daily              | *-*-* 00:00:00",
            "@midnight           | *-*-* 00:00:00",
            "@hourly             | *-*-* *:00:00",
            "@weekly             | Sun *-*-* 00:00:00",
            "@monthly            | *-*-01 00:00:00",
            "@yearly             | *-01-01 00:00:00",
            "@ANNUALLY           | *-01-01 00:00:00",
            "0 0 31 2 *          | *-02-31 00:00:00",
    })
    void convertsToOnCalendar(String cron, String calendar) {
        assertEquals(List.of(calendar), CronSchedule.parse(cron).onCalendar());
    }

    @Test
    void restrictedDayOfMonthAndWeekdayFireOnEither() {
        // crontab(5): "30 4 1,15 * 5" runs on the 1st and 15th AND every Friday: two lines, which systemd ORs
        assertEquals(List.of("Fri *-*-* 04:30:00", "*-*-01,15 04:30:00"),
                CronSchedule.parse("30 4 1,15 * 5").onCalendar());
        ZonedDateTime thu = ZonedDateTime.of(2026, 12, 3, 5, 0, 0, 0, ZoneOffset.UTC); // a Thursday
        assertEquals(ZonedDateTime.of(2026, 12, 4, 4, 30, 0, 0, ZoneOffset.UTC),
                CronSchedule.parse("30 4 1,15 * 5").next(thu).orElseThrow());
    }

    @Test
    void secondsOnlyWhereAllowed() {
        assertEquals(List.of("*-*-* *:*:00,15,30,45"), CronSchedule.parse("*/15 * * * * *", true).onCalendar());
        var e = assertThrows(CronSchedule.Invalid.class, () -> CronSchedule.parse("*/15 * * * * *"));
        assertTrue(e.getMessage().contains("6 field(s)"), e.getMessage());
    }

    @Test
    void nextFiring() {
        ZonedDateTime at = ZonedDateTime.of(2026, 12, 31, 23, 59, 30, 0, ZoneOffset.UTC);
        assertEquals(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                CronSchedule.parse("@daily").next(at).orElseThrow());
        assertEquals(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                CronSchedule.parse("*/15 * * * *").next(at).orElseThrow());
        assertEquals(ZonedDateTime.of(2026, 12, 31, 23, 59, 45, 0, ZoneOffset.UTC),
                CronSchedule.parse("*/15 * * * * *", true).next(at).orElseThrow());
        // strictly after: a firing time itself gives the next one
        ZonedDateTime exact = ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(exact.plusDays(1), CronSchedule.parse("0 3 * * *").next(exact).orElseThrow());
        assertEquals(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC),
                CronSchedule.parse("0 0 29 2 *").next(at).orElseThrow());
        assertTrue(CronSchedule.parse("0 0 31 2 *").next(at).isEmpty(), "31 February never comes");
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "'* * * *'             | 4 field(s)",
            "'* * * * * *'         | 6 field(s)",
            "'61 * * * *'          | field 1 (minute) at position 1: 61 is out of range 0-59",
            "'0 24 * * *'          | field 2 (hour) at position 3: 24 is out of range 0-23",
            "'0 0 0 * *'           | field 3 (day of month) at position 5: 0 is out of range 1-31",
            "'0 0 * 13 *'          | field 4 (month) at position 7: 13 is out of range 1-12",
            "'0 0 * * 8'           | field 5 (day of week) at position 9: 8 is out of range 0-7",
            "'0 0 * * fri-mon'     | field 5 (day of week) at position 9: the range fri-mon runs backwards",
            "'*/0 * * * *'         | field 1 (minute) at position 3: 0 is out of range 1-60",
            "'1,,2 * * * *'        | field 1 (minute) at position 3: an empty list item",
            "'a * * * *'           | field 1 (minute) at position 1: \"a\" is not a number",
            "'0 0 * foo *'         | field 4 (month) at position 7: \"foo\" is not a number or name",
            "'@reboot'             | unknown schedule macro @reboot at position 1",
            "'$(reboot) * * * *'   | field 1 (minute) at position 1",
            "''                    | schedule is required",
    })
    void refusesWithTheFieldAndPosition(String schedule, String message) {
        var e = assertThrows(CronSchedule.Invalid.class, () -> CronSchedule.parse(schedule));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusesControlCharactersAndOversizedText() {
        var e = assertThrows(CronSchedule.Invalid.class, () -> CronSchedule.parse("* * * * *\nExecStart=/bin/sh"));
        assertEquals(10, e.position());
        assertThrows(CronSchedule.Invalid.class, () -> CronSchedule.parse("*/5 ".repeat(60)));
        assertTrue(CronSchedule.problem("0 0 * * *", false) == null);
        assertNull(CronSchedule.problem("@daily", false));
    }
}
