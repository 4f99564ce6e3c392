package org.wsusremediator.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeated login failures slow the guesser down: after {@link #FREE_FAILURES} failures of one key (a client address,
 * or an admin's name) within {@link #WINDOW}, that key is locked for a time that doubles with each further failure, up
 * to {@link #LONGEST_LOCK}; while locked, no secret is even checked. Memory is bounded: the least recently failed keys
 * are forgotten past {@link #MAX_KEYS} (an attacker with that many addresses gets a fresh count, never more memory).
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Until when {@code key} is locked, or null when it may try. */
    synchronized Instant lockedUntil(String key) {
        Failures f = failures.get(key);
        Instant now = clock.instant();
        return f != null && f.lockedUntil != null && now.isBefore(f.lockedUntil) ? f.lockedUntil : null;
    }

    /** Counts a failure; returns true when this failure locked the key. */
    synchronized boolean failed(String key) {
        Instant now = clock.instant();
        Failures f = failures.get(key);
        if (f == null || now.isAfter(f.first.plus(WINDOW))) {
            f = new Failures(now);
            failures.put(key, f);
        }
        f.count++;
        if (f.count >= FREE_FAILURES) {
            long doublings = Math.min(f.count - FREE_FAILURES, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            f.lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            return true;
        }
        return false;
    }

    synchronized void succeeded(String key) {
        failures.remove(key);
    }

    synchronized int keys() {
        return failures.size();
    }

    private static final class Failures {
        final Instant first;
        int count;
        Instant lockedUntil;

        Failures(Instant first) {
            this.first = first;
        }
    }
}
