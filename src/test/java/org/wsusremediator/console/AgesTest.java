package org.wsusremediator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ages as a page shows them. */
class AgesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void eachUnitAtItsBoundaries() {
        assertThat(Ages.between(NOW, NOW)).isEqualTo("0 s");
        assertThat(Ages.between(NOW, NOW.plusSeconds(59))).isEqualTo("59 s");
        assertThat(Ages.between(NOW, NOW.plusSeconds(60))).isEqualTo("1 min");
        assertThat(Ages.between(NOW, NOW.plusSeconds(3599))).isEqualTo("59 min");
        assertThat(Ages.between(NOW, NOW.plusSeconds(3600))).isEqualTo("1 h 0 min");
        assertThat(Ages.between(NOW, NOW.plus(Duration.ofHours(23).plusMinutes(59)))).isEqualTo("23 h 59 min");
        assertThat(Ages.between(NOW, NOW.plus(Duration.ofDays(2).plusHours(3)))).isEqualTo("2 d 3 h");
        assertThat(Ages.between(NOW, NOW.minusSeconds(5))).as("never negative").isEqualTo("0 s");
    }

    @Test
    void sinceAndUntilSayWhichWay() {
        assertThat(Ages.since(NOW.minusSeconds(240), NOW)).isEqualTo("4 min ago");
        assertThat(Ages.since(NOW.plusSeconds(3), NOW)).as("a clock a little ahead").isEqualTo("just now");
        assertThat(Ages.until(NOW.plus(Duration.ofHours(51)), NOW)).isEqualTo("in 2 d 3 h");
        assertThat(Ages.until(NOW.minusSeconds(120), NOW)).isEqualTo("expired 2 min ago");
    }
}
