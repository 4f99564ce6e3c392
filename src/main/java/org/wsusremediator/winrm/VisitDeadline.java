package org.wsusremediator.winrm;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The overall deadline of one host visit. Receive and operation timeouts bound one wait; a host that answers a
 * byte a second, or says "still running" for ever, never trips them. When the deadline passes during a call to
 * the host, the visiting thread is interrupted: the HTTP client's waits (for a response, for more body) give up
 * with an {@code InterruptedIOException}. Only during such a call: an interrupt elsewhere (a journal write to the
 * store, say) could break what it lands in; there, the next call to the host finds the deadline passed instead.
 * The clean-up that follows (WinRM4J signals the command, the session deletes the shell) talks to the same host,
 * so the interrupt is repeated every {@code grace} until the visit is closed: each clean-up step gets at most that.
 */
final class VisitDeadline implements AutoCloseable {

    private final Thread visitor;
    private final ScheduledExecutorService timer;
    private final Duration budget;
    private final Duration grace;
    private ScheduledFuture<?> alarm;
    private boolean expired;
    private boolean closed;
    private boolean onWire;
    private boolean interruptPending;

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

    /** The visiting thread starts a call to the host: from now on the deadline may interrupt it. */
    synchronized void enterWire() {
        onWire = true;
    }

    /** The call to the host is over: an interrupt meant for it, and not consumed by it, is cleared. */
    synchronized void leaveWire() {
        onWire = false;
        clearPendingInterrupt();
    }

    private synchronized void fire() {
        if (closed) {
            return;
        }
        expired = true;
        if (onWire) {
            interruptPending = true;
            visitor.interrupt();
        }
        alarm = timer.schedule(this::fire, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the deadline; under the same lock as {@link #fire()}, so no interrupt of ours can arrive afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (alarm != null) {
            alarm.cancel(false);
        }
        clearPendingInterrupt();
    }

    private void clearPendingInterrupt() {
        if (interruptPending && Thread.currentThread() == visitor) {
            // Ours (anyone else's interrupt is left alone): the pool thread must go back clean.
            Thread.interrupted();
            interruptPending = false;
        }
    }
}
