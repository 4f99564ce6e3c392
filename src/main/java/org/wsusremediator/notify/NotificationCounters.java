package org.wsusremediator.notify;

import java.util.concurrent.atomic.AtomicLong;

/** What delivery did since the process started, for logs and the metrics endpoint. */
public final class NotificationCounters {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong gaveUp = new AtomicLong();
    final AtomicLong pollFailures = new AtomicLong();
    final AtomicLong expired = new AtomicLong();

    /** Events delivered to an endpoint. */
    public long sent() {
        return sent.get();
    }

    /** Attempts that failed (each is retried until the attempts are used up). */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Deliveries given up after the last attempt (the outbox row stays, FAILED). */
    public long gaveUp() {
        return gaveUp.get();
    }

    /** Polls that could not read or write the store (the next poll tries again). */
    public long pollFailures() {
        return pollFailures.get();
    }

    /** Plans this process expired. */
    public long expired() {
        return expired.get();
    }
}
