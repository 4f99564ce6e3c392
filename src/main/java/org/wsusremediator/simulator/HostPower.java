package org.wsusremediator.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a simulated host is up, and its restarts (docs/simulator-restarts.md). {@code shutdown /r /t N} schedules a
 * restart: the host keeps answering for the N seconds of the delay (as Windows does: the command returns at once and a
 * user could still abort it with {@code shutdown /a}), then goes down: every WinRM connection is dropped, every shell
 * forgotten, and connections are refused. After {@link RestartSpec#downSeconds} it boots: a new boot time, the
 * restart-pending flags cleared, the services started, WinRM listening again. The restart faults change the boot: the
 * host never comes back, WinRM listens only {@link RestartSpec#winrmLateSeconds} later, or the WSUS service stays stopped.
 * <p>
 * Times are real time (seconds in tests), kept on one daemon timer shared by every simulated host; what the network does
 * is the {@link Network} the fleet simulator sets (none for a host used without one).
 */
final class HostPower {

    /** Where the host is in its power cycle. */
    enum State {
        /** Running; answers WinRM (a restart may be scheduled). */
        UP,
        /** Shut down or starting: refuses connections. */
        DOWN,
        /** Windows has started, the WinRM service not yet (fault restartWinRmLate): refuses connections. */
        BOOTED_WITHOUT_WINRM
    }

    /** What going down and coming back does to the host's listeners and connections. */
    interface Network {
        Network NONE = new Network() {
            @Override
            public void stop(SimulatedHost host) {
            }

            @Override
            public void start(SimulatedHost host) {
            }
        };

        /** Closes the host's listeners and drops its open connections. */
        void stop(SimulatedHost host);

        /** Listens again. */
        void start(SimulatedHost host);
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-host-power");
        t.setDaemon(true);
        return t;
    });

    private final SimulatedHost host;
    private final RestartSpec spec;
    private final AtomicInteger boots = new AtomicInteger();
    private volatile State state = State.UP;
    private volatile Instant lastBoot;
    private volatile Network network = Network.NONE;
    private volatile boolean closed;
    /** The shutdown in its delay, or the next step of a restart under way; null when none. */
    private ScheduledFuture<?> next;
    private boolean shutdownScheduled;

    HostPower(SimulatedHost host, RestartSpec spec, Instant lastBoot) {
        this.host = host;
        this.spec = spec;
        this.lastBoot = lastBoot;
    }

    void network(Network network) {
        this.network = network == null ? Network.NONE : network;
    }

    State state() {
        return state;
    }

    /** Whether WinRM answers now: up, and not between shutdown and the WinRM service's start. */
    boolean answersWinRm() {
        return state == State.UP && !closed;
    }

    Instant lastBoot() {
        return lastBoot;
    }

    /** How many times the host has booted since the simulator started. */
    int boots() {
        return boots.get();
    }

    /**
     * Schedules a shutdown after {@code delay}, then a boot unless {@code restart} is false (shutdown /s: off for good).
     *
     * @return false when a shutdown is already scheduled (Windows refuses a second one: error 1190)
     */
    synchronized boolean schedule(Duration delay, boolean restart) {
        if (shutdownScheduled || state != State.UP || closed) {
            return false;
        }
        shutdownScheduled = true;
        next = TIMER.schedule(() -> goDown(restart), delay.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** {@code shutdown /a}: cancels a shutdown still in its delay; false when none is. */
    synchronized boolean abort() {
        if (!shutdownScheduled || state != State.UP || next == null || !next.cancel(false)) {
            return false;
        }
        shutdownScheduled = false;
        next = null;
        return true;
    }

    /** Stops every timer (the simulator closes); the host stays as it is. */
    synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void goDown(boolean restart) {
        synchronized (host) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                state = State.DOWN;
                shutdownScheduled = false;
                host.forgetShells();
                network.stop(host);
                if (restart && !host.hasFault(HostFault.RESTART_NEVER_COMES_BACK)) {
                    next = TIMER.schedule(this::boot, spec.down().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    next = null;
                }
            }
        }
    }

    private void boot() {
        synchronized (host) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                lastBoot = host.clockNow().truncatedTo(ChronoUnit.MICROS);
                boots.incrementAndGet();
                host.booted();
                if (host.hasFault(HostFault.RESTART_WINRM_LATE)) {
                    state = State.BOOTED_WITHOUT_WINRM;
                    next = TIMER.schedule(this::winrmStarts, spec.winrmLate().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    winrmStarts();
                }
            }
        }
    }

    private synchronized void winrmStarts() {
        if (closed) {
            return;
        }
        state = State.UP;
        next = null;
        network.start(host);
    }
}
