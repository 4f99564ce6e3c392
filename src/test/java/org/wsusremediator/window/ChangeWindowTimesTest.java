package org.wsusremediator.window;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a window opens and closes, read in its own zone, around blackout dates and daylight-saving changes. */
class ChangeWindowTimesTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private static ChangeWindow window(String cron, ZoneId zone, LocalDate... blackouts) {
        return new ChangeWindow("w", cron, Duration.ofHours(4), zone, Set.of(blackouts));
    }

    private static Instant madrid(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, MADRID).toInstant();
    }

    @Test
    void saturdayCronOpensOnTheNextSaturdayAt22LocalTimeInWinterAndSummer() {
        ChangeWindow saturday = window("0 0 22 ? * SAT", MADRID);

        // Wednesday 25 November 2026 (CET, UTC+1): Saturday 28 November 22:00 local is 21:00 UTC.
        assertThat(saturday.nextStart(Instant.parse("2026-11-25T10:00:00Z")))
                .contains(Instant.parse("2026-11-28T21:00:00Z"));
        // Wednesday 15 July 2026 (CEST, UTC+2): Saturday 18 July 22:00 local is 20:00 UTC.
        assertThat(saturday.nextStart(Instant.parse("2026-07-15T10:00:00Z")))
                .contains(Instant.parse("2026-07-18T20:00:00Z"));
    }

    @Test
    void nextStartIsStrictlyAfter() {
        ChangeWindow saturday = window("0 0 22 ? * SAT", MADRID);
        Instant opening = madrid(2026, 11, 28, 22, 0);

        assertThat(saturday.nextStart(opening)).contains(madrid(2026, 12, 5, 22, 0));
        assertThat(saturday.nextStart(opening.minusMillis(1))).contains(opening);
    }

    @Test
    void skipsABlackoutDateAndLandsOnTheDaylightSavingChangeDay() {
        // Daily at 22:00 Madrid; Saturday 28 March 2026 is blacked out. Sunday 29 March is the day clocks go
        // forward (02:00 CET -> 03:00 CEST), so that evening's 22:00 is 20:00 UTC, not 21:00 UTC as the day before.
        ChangeWindow nightly = window("0 0 22 * * ?", MADRID, LocalDate.of(2026, 3, 28));

        assertThat(nightly.nextStart(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(Instant.parse("2026-03-29T20:00:00Z"));
        assertThat(nightly.nextStart(Instant.parse("2026-03-27T12:00:00Z")))
                .contains(Instant.parse("2026-03-27T21:00:00Z"));
    }

    @Test
    void skipsABlackoutDateOnTheAutumnChangeDay() {
        // Sunday 25 October 2026 clocks go back (03:00 CEST -> 02:00 CET); 01:30 local that day is still CEST.
        ChangeWindow early = window("0 30 1 * * ?", MADRID, LocalDate.of(2026, 10, 25));

        assertThat(early.nextStart(Instant.parse("2026-10-24T12:00:00Z")))
                .contains(Instant.parse("2026-10-26T00:30:00Z")); // 01:30 CET on Monday 26
    }

    @Test
    void aStartTimeInTheSpringForwardGapDoesNotOpenThatDay() {
        // 02:30 does not exist in Madrid on 29 March 2026 (02:00 -> 03:00): Quartz skips that day.
        ChangeWindow gap = window("0 30 2 * * ?", MADRID);

        assertThat(gap.nextStart(Instant.parse("2026-03-28T12:00:00Z"))).contains(madrid(2026, 3, 30, 2, 30));
    }

    @Test
    void blackoutDatesAreLocalDatesInTheWindowsZoneNotUtcDates() {
        // 00:30 in Madrid on 29 March is 23:30 UTC on 28 March: the 29th (local) is what the blackout names.
        ChangeWindow afterMidnight = window("0 30 0 * * ?", MADRID, LocalDate.of(2026, 3, 29));
        Instant local29th = Instant.parse("2026-03-28T23:30:00Z");

        assertThat(afterMidnight.blackedOut(local29th)).isTrue();
        assertThat(afterMidnight.blackedOut(Instant.parse("2026-03-29T22:30:00Z"))).isFalse(); // 00:30 CEST on the 30th
        assertThat(afterMidnight.nextStart(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(Instant.parse("2026-03-29T22:30:00Z"));
    }

    @Test
    void aBlackedOutDayOfAFrequentCronCostsOneStepSoTheNextDaysMidnightIsFound() {
        // Every minute, with 24 to 31 December blacked out: over 10,000 fire times, more than the search's
        // bound, if each blacked-out fire time were looked at one by one. The first allowed one is New Year's midnight.
        LocalDate[] holidays = new LocalDate[8];
        for (int i = 0; i < holidays.length; i++) {
            holidays[i] = LocalDate.of(2026, 12, 24).plusDays(i);
        }
        assertThat(holidays.length * 24 * 60 - 9 * 60).isGreaterThan(ChangeWindow.MAX_FIRE_TIMES);
        ChangeWindow everyMinute = window("0 * * * * ?", MADRID, holidays);

        assertThat(everyMinute.nextStart(madrid(2026, 12, 24, 9, 15))).contains(madrid(2027, 1, 1, 0, 0));
    }

    @Test
    void aCronThatNeverFiresAgainHasNoNextStart() {
        ChangeWindow past = window("0 0 0 1 1 ? 2020", ZoneId.of("UTC"));

        assertThat(past.nextStart(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void isOpenFromItsStartUntilJustBeforeItsEnd() {
        ChangeWindow w = new ChangeWindow("w", "0 * * * * ?", Duration.ofSeconds(45), ZoneId.of("UTC"), Set.of());
        Instant start = Instant.parse("2026-06-01T10:00:00Z");

        assertThat(w.endOf(start)).isEqualTo(Instant.parse("2026-06-01T10:00:45Z"));
        assertThat(w.isOpenAt(start, start.minusMillis(1))).isFalse();
        assertThat(w.isOpenAt(start, start)).isTrue();
        assertThat(w.isOpenAt(start, Instant.parse("2026-06-01T10:00:44.999Z"))).isTrue();
        assertThat(w.isOpenAt(start, Instant.parse("2026-06-01T10:00:45Z"))).isFalse();
    }

    @Test
    void blackoutCalendarExcludesTheLocalDayInTheWindowsZone() {
        ChangeWindow christmas = window("0 0 22 * * ?", MADRID, LocalDate.of(2026, 12, 25));
        org.quartz.Calendar calendar = christmas.blackoutCalendar();

        // 00:30 local on the 25th is 23:30 UTC on the 24th: excluded, although its UTC date is not a blackout.
        assertThat(calendar.isTimeIncluded(madrid(2026, 12, 25, 0, 30).toEpochMilli())).isFalse();
        assertThat(calendar.isTimeIncluded(madrid(2026, 12, 25, 22, 0).toEpochMilli())).isFalse();
        assertThat(calendar.isTimeIncluded(madrid(2026, 12, 25, 23, 59).toEpochMilli())).isFalse();
        assertThat(calendar.isTimeIncluded(madrid(2026, 12, 24, 23, 59).toEpochMilli())).isTrue();
        assertThat(calendar.isTimeIncluded(madrid(2026, 12, 26, 0, 0).toEpochMilli())).isTrue();
        assertThat(calendar.isTimeIncluded(madrid(2026, 12, 26, 22, 0).toEpochMilli())).isTrue();
    }

    @Test
    void cronForUriJoinsFieldsWithPlusAndEscapesTheNthWeekdayHash() {
        assertThat(window("0 0 22 ? * SAT", MADRID).cronForUri()).isEqualTo("0+0+22+?+*+SAT");
        assertThat(window(" 0  0 22 ? * 6#3 ", MADRID).cronForUri()).isEqualTo("0+0+22+?+*+6%233");
    }

    @Test
    void blackoutDatesIterateInDateOrder() {
        ChangeWindow w = window("0 0 22 * * ?", MADRID, LocalDate.of(2027, 1, 2), LocalDate.of(2026, 12, 5));

        assertThat(w.blackoutDates()).containsExactly(LocalDate.of(2026, 12, 5), LocalDate.of(2027, 1, 2));
    }

    @Test
    void refusesWhatWouldMisbehaveLater() {
        ZoneId utc = ZoneId.of("UTC");
        assertThatThrownBy(() -> new ChangeWindow("Bad_Name", "0 * * * * ?", Duration.ofMinutes(1), utc, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeWindow("w", "* * * * *", Duration.ofMinutes(1), utc, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeWindow("w", "0 * * * * ?", Duration.ZERO, utc, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void theDurationReadsAsTheFileWritesIt() {
        ChangeWindow w = new ChangeWindow("w", "0 0 22 ? * SAT", Duration.ofMinutes(90), ZoneId.of("UTC"), Set.of());
        assertThat(w.durationText()).isEqualTo("1h30m");
    }
}
