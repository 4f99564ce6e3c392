package org.wsusremediator.window;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.wsusremediator.apply.Rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The next opening across all windows, and lookup by name. */
class ScheduleTest {

    private static final ChangeWindow SATURDAY = new ChangeWindow("weekly-saturday", "0 0 22 ? * SAT",
            Duration.ofHours(4), ZoneId.of("Europe/Madrid"), Set.of());
    private static final ChangeWindow WEDNESDAY = new ChangeWindow("weekly-wednesday", "0 0 21 ? * WED",
            Duration.ofHours(2), ZoneId.of("UTC"), Set.of());
    private static final ChangeWindow SATURDAY_UTC = new ChangeWindow("saturday-utc", "0 0 21 ? * SAT",
            Duration.ofHours(1), ZoneId.of("UTC"), Set.of());

    @Test
    void nextStartIsTheEarliestOpeningOfAnyWindow() {
        Schedule schedule = new Schedule(List.of(SATURDAY, WEDNESDAY), false, Rollout.DEFAULT, null);

        // Thursday 26 November 2026: Saturday 28 (21:00 UTC) comes before Wednesday 2 December.
        Upcoming next = schedule.nextStart(Instant.parse("2026-11-26T00:00:00Z")).orElseThrow();
        assertThat(next.window()).isEqualTo(SATURDAY);
        assertThat(next.start()).isEqualTo(Instant.parse("2026-11-28T21:00:00Z"));
        assertThat(next.end()).isEqualTo(Instant.parse("2026-11-29T01:00:00Z"));

        // Sunday 29 November: Wednesday 2 December comes first.
        assertThat(schedule.nextStart(Instant.parse("2026-11-29T12:00:00Z")))
                .contains(new Upcoming(WEDNESDAY, Instant.parse("2026-12-02T21:00:00Z")));
    }

    @Test
    void onATieTheWindowWrittenFirstWins() {
        // 22:00 Madrid in winter is 21:00 UTC: both open at the same instant.
        Instant after = Instant.parse("2026-11-26T00:00:00Z");

        assertThat(new Schedule(List.of(SATURDAY_UTC, SATURDAY), false, Rollout.DEFAULT, null).nextStart(after))
                .map(Upcoming::window).contains(SATURDAY_UTC);
        assertThat(new Schedule(List.of(SATURDAY, SATURDAY_UTC), false, Rollout.DEFAULT, null).nextStart(after))
                .map(Upcoming::window).contains(SATURDAY);
    }

    @Test
    void noWindowsMeansNoNextStart() {
        Schedule freeze = new Schedule(List.of(), false, Rollout.DEFAULT, null);

        assertThat(freeze.nextStart(Instant.parse("2026-11-26T00:00:00Z"))).isEmpty();
        assertThat(freeze.window("weekly-saturday")).isEmpty();
    }

    @Test
    void windowsAreFoundByName() {
        Schedule schedule = new Schedule(List.of(SATURDAY, WEDNESDAY), true, Rollout.DEFAULT, null);

        assertThat(schedule.window("weekly-wednesday")).contains(WEDNESDAY);
        assertThat(schedule.window("weekly")).isEmpty();
    }

    @Test
    void windowNamesAreUnique() {
        assertThatThrownBy(() -> new Schedule(List.of(SATURDAY, SATURDAY), false, Rollout.DEFAULT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weekly-saturday");
    }
}
