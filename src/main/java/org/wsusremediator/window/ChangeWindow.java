package org.wsusremediator.window;

import org.quartz.CronExpression;
import org.quartz.impl.calendar.HolidayCalendar;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A recurring period in which approved plans may be applied: it opens at each fire time of a Quartz cron
 * expression and stays open for {@code duration}. Changes to production WSUS servers are only allowed in
 * agreed windows, and never on the listed blackout dates (holidays, freezes).
 *
 * <p>The cron and the blackout dates are both read in {@code timeZone}, so "22:00 on Saturdays, not on
 * 2026-12-26" means 22:00 local time there, across daylight-saving changes, wherever the orchestrator runs.
 * A blackout date applies to the day a window <em>opens</em>: a window opening at 22:00 the day before a
 * blackout date still runs into it.
 *
 * @param name          unique in the file, {@code [a-z0-9][a-z0-9-]*} (it becomes a Quartz trigger name)
 * @param cron          a Quartz cron expression, seconds first, e.g. {@code 0 0 22 ? * SAT}
 * @param duration      how long the window stays open after each start; positive
 * @param timeZone      the zone the cron and the blackout dates are read in
 * @param blackoutDates local dates on which the window does not open; iterated in date order
 */
public record ChangeWindow(String name, String cron, Duration duration, ZoneId timeZone, Set<LocalDate> blackoutDates) {

    /**
     * The form a window's name must have; the file reader reports names that do not match. At most 64
     * characters: it names a Quartz trigger, stored in a 200-character column with a prefix.
     */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * How many cron fire times {@link #nextStart} looks at before giving up. A blacked-out day costs one fire
     * time, not one per fire time of that day (the search jumps to the next day), so this bounds the search
     * to thousands of blackout dates, far more than any real file has, while an expression that can never
     * fire on an allowed day still ends.
     */
    static final int MAX_FIRE_TIMES = 10_000;

    public ChangeWindow {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a window name matches " + NAME + ", was " + name);
        }
        if (cron == null || !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + cron);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a window's duration is positive, was " + duration);
        }
        if (timeZone == null) {
            throw new IllegalArgumentException("a window needs a time zone");
        }
        // Quartz works with java.util.TimeZone, which silently turns an id it does not know into GMT.
        if (!TimeZone.getTimeZone(timeZone).getID().equals(timeZone.getId())) {
            throw new IllegalArgumentException("Quartz cannot use the time zone " + timeZone);
        }
        blackoutDates = Collections.unmodifiableSortedSet(new TreeSet<>(blackoutDates == null ? Set.of() : blackoutDates));
    }

    /**
     * The next time the window opens strictly after {@code after}: the first fire time of the cron, in the
     * window's zone, whose local date is not a blackout date. Empty when the cron never fires again (a year
     * field in the past) or no allowed fire time turns up within {@link #MAX_FIRE_TIMES} fire times.
     */
    public Optional<Instant> nextStart(Instant after) {
        CronExpression expression = cronExpression();
        Date cursor = Date.from(after);
        for (int i = 0; i < MAX_FIRE_TIMES; i++) {
            Date fire = expression.getNextValidTimeAfter(cursor);
            if (fire == null) {
                return Optional.empty();
            }
            Instant start = fire.toInstant();
            if (!blackedOut(start)) {
                return Optional.of(start);
            }
            // Skip the rest of the blacked-out day at once: an every-minute cron would otherwise spend 1440
            // of the bounded fire times on a single holiday. Quartz looks from one second after the cursor,
            // truncated to the second, so a cursor 1 ms before the next day still finds a fire at its midnight.
            LocalDate day = start.atZone(timeZone).toLocalDate();
            Instant nextDay = day.plusDays(1).atStartOfDay(timeZone).toInstant();
            cursor = Date.from(nextDay.minusMillis(1));
        }
        return Optional.empty();
    }

    /** Whether a window starting at {@code start} is cancelled: its local date in the window's zone is a blackout date. */
    public boolean blackedOut(Instant start) {
        return blackoutDates.contains(start.atZone(timeZone).toLocalDate());
    }

    /** When a window that started at {@code start} closes. */
    public Instant endOf(Instant start) {
        return start.plus(duration);
    }

    /** Whether the window that started (or starts) at {@code scheduledStart} is open at {@code now}; the end is exclusive. */
    public boolean isOpenAt(Instant scheduledStart, Instant now) {
        return !now.isBefore(scheduledStart) && now.isBefore(endOf(scheduledStart));
    }

    /**
     * The blackout dates as a Quartz calendar, for a cron trigger that must not fire on them: each date is
     * excluded from its local midnight to the next, in the window's zone (the calendar's zone is set before
     * the dates are added because Quartz truncates each added date to the start of its day in that zone).
     */
    public org.quartz.Calendar blackoutCalendar() {
        HolidayCalendar calendar = new HolidayCalendar(quartzTimeZone());
        calendar.setDescription("blackout dates of change window " + name);
        for (LocalDate date : blackoutDates) {
            calendar.addExcludedDate(Date.from(date.atStartOfDay(timeZone).toInstant()));
        }
        return calendar;
    }

    /**
     * The cron as a Camel endpoint URI parameter: spaces become {@code +}. A {@code #} (n-th weekday, e.g.
     * {@code 6#3}) becomes {@code %23}, because Camel would otherwise read it as the start of a URI fragment
     * and silently drop it, turning "the third Friday" into "every Friday".
     */
    /** The duration as the file writes it: 45s, 4h, 1h30m (not Java's PT1H30M). */
    public String durationText() {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    public String cronForUri() {
        return String.join("+", cron.trim().split("\\s+")).replace("#", "%23");
    }

    private CronExpression cronExpression() {
        // A new expression per call: CronExpression is mutable (its zone) and not meant to be shared across threads.
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(quartzTimeZone());
            return expression;
        } catch (ParseException e) {
            throw new IllegalStateException("checked in the constructor: " + cron, e);
        }
    }

    private TimeZone quartzTimeZone() {
        return TimeZone.getTimeZone(timeZone);
    }
}
