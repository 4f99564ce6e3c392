package org.wsusremediator.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.wsusremediator.scan.ScanProgress;

/**
 * During the measured scan: a line every few seconds (hosts done, rate, CPU of both processes so far), and the
 * snapshot taken when half the hosts are done, from which the steady state (the last half of the run) is measured.
 */
final class ProgressLine implements AutoCloseable {

    private static final long CHECK_MILLIS = 50;

    private final ScanProgress progress;
    private final ClientMeter meter;
    private final ClientMeter.Snapshot start;
    private final int hosts;
    private final long intervalNanos;
    private final PrintWriter out;
    private final AtomicReference<ClientMeter.Snapshot> halfway = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    ProgressLine(ScanProgress progress, ClientMeter meter, ClientMeter.Snapshot start, int hosts, Duration interval,
                 PrintWriter out) {
        this.progress = progress;
        this.meter = meter;
        this.start = start;
        this.hosts = hosts;
        this.intervalNanos = interval.toNanos();
        this.out = out;
        this.thread = new Thread(this::watch, "bench-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** The snapshot when half the hosts were done; null if the scan ended before this watch saw it. */
    ClientMeter.Snapshot halfway() {
        return halfway.get();
    }

    private void watch() {
        long nextLine = System.nanoTime() + intervalNanos;
        while (running) {
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            int done = progress.done();
            if (halfway.get() == null && done >= hosts / 2 && done < hosts) {
                halfway.set(meter.snapshot(done));
            }
            if (System.nanoTime() >= nextLine && out != null) {
                nextLine += intervalNanos;
                ClientMeter.Snapshot now = meter.snapshot(done);
                double seconds = now.secondsSince(start);
                out.printf("progress  %d/%d hosts in %.0f s (%.0f hosts/s), CPU so far: client %.1f s, simulator %.1f s%n",
                        done, hosts, seconds, done / Math.max(seconds, 1e-3), now.clientCpuSecondsSince(start),
                        now.simulatorCpuSecondsSince(start));
                out.flush();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
    }
}
