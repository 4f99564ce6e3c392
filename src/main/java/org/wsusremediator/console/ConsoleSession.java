package org.wsusremediator.console;

import java.time.Instant;

/**
 * One admin's login in a browser: who (the admin's name, looked up again on every request), the form token that
 * proves a form came from this console, and when it was last used. The id is the cookie's value and nothing else.
 */
final class ConsoleSession {

    private final String id;
    private final String admin;
    private final String csrfToken;
    private final Instant createdAt;
    private volatile Instant lastUsed;
    private volatile String flash;

    ConsoleSession(String id, String admin, String csrfToken, Instant createdAt) {
        this.id = id;
        this.admin = admin;
        this.csrfToken = csrfToken;
        this.createdAt = createdAt;
        this.lastUsed = createdAt;
    }

    String id() {
        return id;
    }

    String admin() {
        return admin;
    }

    String csrfToken() {
        return csrfToken;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void used(Instant at) {
        lastUsed = at;
    }

    /** A message for the next page shown (what a form did), shown once. */
    void flash(String message) {
        flash = message;
    }

    String takeFlash() {
        String message = flash;
        flash = null;
        return message;
    }

    /** Never the id or the token: a log line or an error could carry this object's text. */
    @Override
    public String toString() {
        return "ConsoleSession[" + admin + ", since " + createdAt + "]";
    }
}
