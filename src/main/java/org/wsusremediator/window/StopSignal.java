package org.wsusremediator.window;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code serve}) learns it must stop: SIGTERM or Ctrl-C (a JVM shutdown hook), or
 * its own work being done. The hook does not stop anything itself: it wakes the command, which closes what it
 * opened in order (Camel and its Quartz scheduler, then the store), and holds the JVM until that is finished,
 * for at most {@code grace}. Without it the JVM's hooks closed the database under a still running Quartz.
 */
public final class StopSignal implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(Duration grace) {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "stop-signal");
    }

    public static StopSignal install(Duration grace) {
        StopSignal signal = new StopSignal(grace);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Asks the command to stop, as a signal would (e.g. serve --once after its first window). */
    public void request() {
        requested.countDown();
    }

    /** Blocks until a stop is requested. */
    public void await() throws InterruptedException {
        requested.await();
    }

    /** Everything is closed: the JVM may exit. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that closed is counted down
        }
    }
}
