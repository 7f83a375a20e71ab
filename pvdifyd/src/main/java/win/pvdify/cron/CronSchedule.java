package win.pvdify.cron;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A crontab schedule as Dokku and crontab(5) write it: five fields (minute hour day-of-month month day-of-week)
 * with `*`, lists, ranges, steps and names (jan-dec, sun-sat; 0 and 7 are Sunday), or a macro (@yearly,
 * @annually, @monthly, @weekly, @daily, @midnight, @hourly). @reboot is refused: a job runs on a clock.
 * With {@code seconds} allowed (a test-only daemon setting), six fields with seconds first are accepted too.
 *
 * <p>Pure. {@link #onCalendar()} gives systemd's OnCalendar= expressions (every field expanded to an explicit
 * list, so no systemd range/step syntax is relied on); {@link #next} computes the next firing for the fallback
 * scheduler. crontab's rule that a restricted day-of-month and a restricted day-of-week match EITHER (not both)
 * becomes two OnCalendar= lines, which systemd ORs.
 */
public record CronSchedule(String text, BitSet seconds, BitSet minutes, BitSet hours, BitSet days, BitSet months,
                           BitSet weekdays, boolean daysRestricted, boolean weekdaysRestricted) {

    public static final int MAX_LENGTH = 200;
    private static final String[] NAMES = {"second", "minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 59, 23, 31, 12, 7};
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final String[] SYSTEMD_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    /** A schedule that does not parse: the message names the field and the 1-based character position. */
    public static final class Invalid extends IllegalArgumentException {
        private final int position;

        Invalid(String message, int position) {
            super(message);
            this.position = position;
        }

        /** 1-based column in the schedule text (0 = the whole text). */
        public int position() {
            return position;
        }
    }

    public static CronSchedule parse(String text) {
        return parse(text, false);
    }

    public static CronSchedule parse(String text, boolean allowSeconds) {
        if (text == null || text.isBlank()) {
            throw new Invalid("schedule is required (five crontab fields, e.g. \"*/15 * * * *\", or @daily)", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new Invalid("schedule is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                throw new Invalid("schedule has a control or non-ASCII character at position " + (i + 1), i + 1);
            }
        }
        String trimmed = text.strip();
        String body = trimmed;
        int offset = text.indexOf(trimmed);
        if (trimmed.startsWith("@")) {
            String macro = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
            if (macro == null) {
                throw new Invalid("unknown schedule macro " + trimmed + " at position " + (offset + 1)
                        + " (use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)", offset + 1);
            }
            CronSchedule s = parse(macro, false);
            return new CronSchedule(trimmed, s.seconds, s.minutes, s.hours, s.days, s.months, s.weekdays,
                    s.daysRestricted, s.weekdaysRestricted);
        }
        List<int[]> spans = new ArrayList<>(); // start, end of each field in text
        for (int i = 0; i < text.length(); ) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                i++;
            }
            spans.add(new int[] {start, i});
        }
        boolean withSeconds = spans.size() == 6 && allowSeconds;
        if (spans.size() != 5 && !withSeconds) {
            throw new Invalid("schedule has " + spans.size() + " field(s); crontab needs 5 (minute hour"
                    + " day-of-month month day-of-week)", spans.size() > 5 ? spans.get(5)[0] + 1 : text.length());
        }
        BitSet[] fields = new BitSet[6];
        boolean[] restricted = new boolean[6];
        fields[0] = new BitSet();
        fields[0].set(0);
        int first = withSeconds ? 0 : 1;
        for (int f = first; f < 6; f++) {
            int[] span = spans.get(f - first);
            String field = text.substring(span[0], span[1]);
            fields[f] = field(f, field, span[0]);
            restricted[f] = !field.equals("*") && !field.equals("?");
        }
        if (fields[5].get(7)) { // 7 is Sunday too
            fields[5].clear(7);
            fields[5].set(0);
        }
        return new CronSchedule(text, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                restricted[3], restricted[5]);
    }

    /** The error for this schedule text, or null when it parses. */
    public static String problem(String text, boolean allowSeconds) {
        try {
            parse(text, allowSeconds);
            return null;
        } catch (Invalid e) {
            return "schedule " + e.getMessage();
        }
    }

    private static BitSet field(int f, String field, int at) {
        BitSet out = new BitSet();
        int pos = at;
        for (String part : field.split(",", -1)) {
            if (part.isEmpty()) {
                throw invalid(f, "an empty list item", field, pos);
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(f, part.substring(slash + 1), pos + slash + 1, 1, MAX[f] - MIN[f] + 1);
            }
            int lo;
            int hi;
            if (range.equals("*") || range.equals("?")) {
                lo = MIN[f];
                hi = f == 5 ? 6 : MAX[f];
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    lo = value(f, range.substring(0, dash), pos);
                    hi = value(f, range.substring(dash + 1), pos + dash + 1);
                    if (hi < lo) {
                        throw invalid(f, "the range " + range + " runs backwards", field, pos);
                    }
                } else {
                    lo = value(f, range, pos);
                    hi = slash >= 0 ? (f == 5 ? 6 : MAX[f]) : lo; // "5/15" = from 5 on, every 15
                }
            }
            for (int v = lo; v <= hi; v += step) {
                out.set(v);
            }
            pos += part.length() + 1;
        }
        return out;
    }

    private static int value(int f, String s, int pos) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (f == 4 && MONTHS.contains(lower)) {
            return MONTHS.indexOf(lower) + 1;
        }
        if (f == 5 && DAYS.contains(lower)) {
            return DAYS.indexOf(lower);
        }
        return number(f, s, pos, MIN[f], MAX[f]);
    }

    private static int number(int f, String s, int pos, int min, int max) {
        if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) {
            throw invalid(f, "\"" + s + "\" is not a number" + (f >= 4 ? " or name" : ""), s, pos);
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw invalid(f, v + " is out of range " + min + "-" + max, s, pos);
        }
        return v;
    }

    private static Invalid invalid(int f, String what, String text, int pos) {
        return new Invalid("field " + (f == 0 ? "0" : String.valueOf(f)) + " (" + NAMES[f] + ") at position "
                + (pos + 1) + ": " + what, pos + 1);
    }

    /** systemd OnCalendar= expressions (one, or two when both day fields are restricted: crontab ORs them). */
    public List<String> onCalendar() {
        String time = list(hours, 0, 23) + ":" + list(minutes, 0, 59) + ":" + list(seconds, 0, 59);
        String month = list(months, 1, 12);
        if (daysRestricted && weekdaysRestricted) {
            return List.of(weekdayList() + " *-" + month + "-* " + time, "*-" + month + "-" + list(days, 1, 31) + " " + time);
        }
        String prefix = weekdaysRestricted ? weekdayList() + " " : "";
        return List.of(prefix + "*-" + month + "-" + (daysRestricted ? list(days, 1, 31) : "*") + " " + time);
    }

    /** The first firing strictly after `after`, in after's zone; empty when it never fires (e.g. 31 February). */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        ZonedDateTime limit = after.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = days.get(t.getDayOfMonth());
        boolean dow = weekdays.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (daysRestricted && weekdaysRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private String weekdayList() {
        List<String> names = new ArrayList<>();
        // systemd weeks start on Monday; the order does not matter to it, but Mon..Sun reads naturally
        for (int d : new int[] {1, 2, 3, 4, 5, 6, 0}) {
            if (weekdays.get(d)) {
                names.add(SYSTEMD_DAYS[d]);
            }
        }
        return String.join(",", names);
    }

    /** "*" for the whole range, else the values, two digits each, comma-separated. */
    private static String list(BitSet set, int min, int max) {
        if (set.cardinality() == max - min + 1) {
            return "*";
        }
        List<String> out = new ArrayList<>();
        set.stream().forEach(v -> out.add(String.format("%02d", v)));
        return String.join(",", out);
    }
}
