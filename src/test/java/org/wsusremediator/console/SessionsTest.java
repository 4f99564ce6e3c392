package org.wsusremediator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's sessions: idle timeout, lifetime, the bound, polls that are not activity, ids and form tokens. */
class SessionsTest {

    private static final Duration IDLE = Duration.ofMinutes(15);

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final Sessions sessions = new Sessions(clock, IDLE);

    @Test
    void aSessionEndsAfterTheIdleTimeoutAndAnyRequestExtendsIt() {
        ConsoleSession s = sessions.start("bob");
        clock.advance(IDLE);
        assertThat(sessions.find(s.id(), true)).as("exactly at the idle time: still live").contains(s);
        clock.advance(IDLE.minusSeconds(1));
        assertThat(sessions.find(s.id(), true)).as("a request restarted the idle time").contains(s);
        clock.advance(IDLE.plusSeconds(1));
        assertThat(sessions.find(s.id(), true)).as("idle past the timeout").isEmpty();
        clock.advance(Duration.ofSeconds(-IDLE.toSeconds()));
        assertThat(sessions.find(s.id(), true)).as("an ended session is gone, not merely hidden").isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aPollDoesNotExtendTheIdleTime() {
        ConsoleSession s = sessions.start("bob");
        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(sessions.find(s.id(), false)).contains(s);
        }
        assertThat(s.lastUsed()).isEqualTo(s.createdAt());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(sessions.find(s.id(), false)).as("polled every minute, yet idle for 15 min").isEmpty();
    }

    @Test
    void aSessionEndsAfterItsLifetimeHoweverBusy() {
        ConsoleSession s = sessions.start("bob");
        Instant end = s.createdAt().plus(Sessions.LIFETIME);
        while (clock.instant().plus(Duration.ofMinutes(10)).isBefore(end)) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.find(s.id(), true)).contains(s);
        }
        clock.advance(Duration.between(clock.instant(), end));
        assertThat(sessions.find(s.id(), true)).as("at 12 h exactly").contains(s);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.find(s.id(), true)).as("past 12 h, busy or not").isEmpty();
    }

    @Test
    void atMostAThousandSessionsTheLeastRecentlyUsedEnds() {
        List<ConsoleSession> started = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
            started.add(sessions.start("admin" + i));
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
        ConsoleSession first = started.get(0);
        ConsoleSession second = started.get(1);
        assertThat(sessions.find(first.id(), true)).as("the first used again").isPresent();

        ConsoleSession next = sessions.start("newcomer");
        assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
        assertThat(sessions.find(next.id(), true)).isPresent();
        assertThat(sessions.find(first.id(), true)).as("recently used: kept").isPresent();
        assertThat(sessions.find(second.id(), true)).as("the least recently used: ended").isEmpty();
    }

    @Test
    void aPollIsNoUseForTheBoundEither() {
        List<ConsoleSession> started = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
            started.add(sessions.start("admin" + i));
            clock.advance(Duration.ofMillis(10));
        }
        ConsoleSession polled = started.get(0);
        assertThat(sessions.find(polled.id(), false)).isPresent();
        sessions.start("newcomer");
        assertThat(sessions.find(polled.id(), true))
                .as("only polled since its login (a tab left open): the least recently used, so it ends first").isEmpty();
        assertThat(sessions.find(started.get(1).id(), true)).isPresent();
    }

    @Test
    void endedSessionsAreDroppedBeforeAnyLiveOneIsEvicted() {
        List<ConsoleSession> old = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_SESSIONS - 1; i++) {
            old.add(sessions.start("old" + i));
        }
        clock.advance(IDLE.plusSeconds(1));
        ConsoleSession live = sessions.start("live");
        assertThat(sessions.size()).as("the idle ones went at the next login").isEqualTo(1);
        sessions.start("another");
        assertThat(sessions.find(live.id(), true)).isPresent();
    }

    @Test
    void unknownMissingOrOversizedIdsFindNothing() {
        ConsoleSession s = sessions.start("bob");
        assertThat(sessions.find(null, true)).isEmpty();
        assertThat(sessions.find("", true)).isEmpty();
        assertThat(sessions.find(Sessions.randomToken(), true)).isEmpty();
        assertThat(sessions.find(s.id() + "x", true)).isEmpty();
        assertThat(sessions.find(s.id().substring(1), true)).isEmpty();
        assertThat(sessions.find("a".repeat(100_000), true)).isEmpty();
        assertThat(sessions.find(s.id().toUpperCase(), true)).isEmpty();
        assertThat(sessions.find(s.id(), true)).contains(s);
    }

    @Test
    void logoutEndsTheSession() {
        ConsoleSession s = sessions.start("bob");
        sessions.end(s);
        assertThat(sessions.find(s.id(), true)).isEmpty();
        sessions.end(s);
        assertThat(sessions.size()).isZero();
    }

    @Test
    void eachLoginHasANewRandomIdAndToken() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ConsoleSession s = sessions.start("bob");
            assertThat(s.id()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(s.csrfToken());
            assertThat(s.csrfToken()).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(s.id())).isTrue();
            assertThat(seen.add(s.csrfToken())).isTrue();
        }
    }

    @Test
    void theFormTokenMatchesOnlyItself() {
        ConsoleSession s = sessions.start("bob");
        ConsoleSession other = sessions.start("bob");
        String token = s.csrfToken();
        assertThat(Sessions.tokenMatches(s, token)).isTrue();
        assertThat(Sessions.tokenMatches(s, new String(token.toCharArray()))).isTrue();
        assertThat(Sessions.tokenMatches(s, null)).isFalse();
        assertThat(Sessions.tokenMatches(s, "")).isFalse();
        assertThat(Sessions.tokenMatches(s, other.csrfToken())).as("another session's token").isFalse();
        assertThat(Sessions.tokenMatches(s, s.id())).as("the session id is no token").isFalse();
        assertThat(Sessions.tokenMatches(s, token.substring(0, token.length() - 1))).isFalse();
        assertThat(Sessions.tokenMatches(s, token + "A")).isFalse();
        assertThat(Sessions.tokenMatches(s, token.substring(0, 42) + "é")).as("non-ASCII").isFalse();
        assertThat(Sessions.tokenMatches(s, token.substring(0, 42) + "?")).isFalse();
    }

    @Test
    void theTextOfASessionHasNeitherIdNorToken() {
        ConsoleSession s = sessions.start("bob");
        assertThat(s.toString()).contains("bob").doesNotContain(s.id()).doesNotContain(s.csrfToken());
    }

    @Test
    void aFlashIsShownOnce() {
        ConsoleSession s = sessions.start("bob");
        s.flash("done");
        assertThat(s.takeFlash()).isEqualTo("done");
        assertThat(s.takeFlash()).isNull();
    }
}
