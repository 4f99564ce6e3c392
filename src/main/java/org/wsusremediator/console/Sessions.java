package org.wsusremediator.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's logins, in this server's memory only (a restart logs everyone out, which is the safe way round).
 * A session ends after {@code idleTimeout} without a request of its admin, after {@link #LIFETIME} whatever happens,
 * and at logout. Ids and form tokens are 256 random bits. Bounded: past {@link #MAX_SESSIONS} the least recently used
 * session ends, so a flood of logins costs memory once, not without end.
 */
final class Sessions {

    static final Duration LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idleTimeout;
    /** In order of their admins' last request, the least recently used first; a poll does not move a session. */
    private final Map<String, ConsoleSession> byId = new LinkedHashMap<>();

    Sessions(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** A new session for an admin who just proved who they are: a new id, never one the browser brought. */
    synchronized ConsoleSession start(String admin) {
        dropEnded();
        while (byId.size() >= MAX_SESSIONS) {
            Iterator<String> eldest = byId.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        ConsoleSession session = new ConsoleSession(randomToken(), admin, randomToken(), clock.instant());
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its use recorded when {@code activity}; empty when unknown or ended. */
    synchronized Optional<ConsoleSession> find(String id, boolean activity) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        ConsoleSession session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (ended(session, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        if (activity) {
            session.used(now);
            byId.remove(id);
            byId.put(id, session);
        }
        return Optional.of(session);
    }

    synchronized void end(ConsoleSession session) {
        byId.remove(session.id());
    }

    synchronized int size() {
        return byId.size();
    }

    /** Whether a form's token is this session's, compared in constant time. */
    static boolean tokenMatches(ConsoleSession session, String given) {
        return given != null && MessageDigest.isEqual(session.csrfToken().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private boolean ended(ConsoleSession session, Instant now) {
        return now.isAfter(session.lastUsed().plus(idleTimeout)) || now.isAfter(session.createdAt().plus(LIFETIME));
    }

    private void dropEnded() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> ended(s, now));
    }
}
