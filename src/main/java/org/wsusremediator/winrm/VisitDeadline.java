package org.wsusremediator.winrm;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The overall deadline of one host visit. Receive and operation timeouts bound one wait; a host that answers a
 * byte a second, or says "still running" for ever, never trips them. When the deadline passes, the visiting
 * thread is interrupted: the HTTP client's waits (for a response, for more body) give up with an
 * {@code InterruptedIOException}. The clean-up that follows (WinRM4J signals the command, the session deletes
 * the shell) talks to the same host, so the interrupt is repeated every {@code grace} until the visit is closed:
 * each clean-up step gets at most that long.
 */
final class VisitDeadline implements AutoCloseable {

    private final Thread visitor;
    private final ScheduledExecutorService timer;
    private final Duration budget;
    private final Duration grace;
    private ScheduledFuture<?> alarm;
    private boolean expired;
    private boolean closed;

    private VisitDeadline(Thread visitor, ScheduledExecutorService timer, Duration budget, Duration grace) {
        this.visitor = visitor;
        this.timer = timer;
        this.budget = budget;
        this.grace = grace;
    }

    /** Starts the deadline of a visit that runs on the calling thread. */
    static VisitDeadline start(ScheduledExecutorService timer, Duration budget, Duration grace) {
        VisitDeadline deadline = new VisitDeadline(Thread.currentThread(), timer, budget, grace);
        synchronized (deadline) {
            deadline.alarm = timer.schedule(deadline::fire, budget.toMillis(), TimeUnit.MILLISECONDS);
        }
        return deadline;
    }

    Duration budget() {
        return budget;
    }

    synchronized boolean expired() {
        return expired;
    }

    private synchronized void fire() {
        if (closed) {
            return;
        }
        expired = true;
        visitor.interrupt();
        alarm = timer.schedule(this::fire, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the deadline. Under the same lock as {@link #fire()}, so no interrupt can arrive afterwards; one that
     * arrived and was not consumed is cleared, so that the pool thread goes back clean.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (alarm != null) {
            alarm.cancel(false);
        }
        if (Thread.currentThread() == visitor) {
            Thread.interrupted();
        }
    }
}
