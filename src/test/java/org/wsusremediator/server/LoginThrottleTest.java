package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void locksAfterFiveFailuresForADoublingTimeAndForgetsSuccess() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.failed("client 127.0.0.1")).isFalse();
            assertThat(throttle.lockedUntil("client 127.0.0.1")).isNull();
        }
        assertThat(throttle.failed("client 127.0.0.1")).isTrue();
        assertThat(throttle.lockedUntil("client 127.0.0.1")).isEqualTo(clock.now.plus(LoginThrottle.FIRST_LOCK));
        assertThat(throttle.lockedUntil("client 127.0.0.2")).as("per key").isNull();
        throttle.failed("client 127.0.0.1");
        assertThat(throttle.lockedUntil("client 127.0.0.1")).isEqualTo(clock.now.plus(LoginThrottle.FIRST_LOCK.multipliedBy(2)));
        for (int i = 0; i < 20; i++) {
            throttle.failed("client 127.0.0.1");
        }
        assertThat(throttle.lockedUntil("client 127.0.0.1")).isEqualTo(clock.now.plus(LoginThrottle.LONGEST_LOCK));
        clock.now = clock.now.plus(LoginThrottle.LONGEST_LOCK).plusSeconds(1);
        assertThat(throttle.lockedUntil("client 127.0.0.1")).as("the lock ends").isNull();
        throttle.succeeded("client 127.0.0.1");
        assertThat(throttle.failed("client 127.0.0.1")).as("success forgets the count").isFalse();
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfAddresses() {
        LoginThrottle throttle = new LoginThrottle(new MovingClock());
        for (int i = 0; i < LoginThrottle.MAX_KEYS * 3; i++) {
            throttle.failed("client 10." + i);
        }
        assertThat(throttle.keys()).isEqualTo(LoginThrottle.MAX_KEYS);
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin bob");
        }
        clock.now = clock.now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(throttle.failed("admin bob")).isFalse();
    }
}
