package org.wsusremediator.scan;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.wsusremediator.host.HostReport;

/**
 * Tells the admin how a running scan goes, on stderr so that stdout stays the result. Small fleets get a line
 * per host; large ones a line every two seconds, so ten thousand hosts do not flood the terminal.
 */
public final class ScanProgress {

    private static final int HOST_LINES_UP_TO = 100;
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final int total;
    private final PrintWriter out;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong lastLine = new AtomicLong(System.nanoTime());

    public ScanProgress(int total, PrintWriter out) {
        this.total = total;
        this.out = out;
    }

    public static ScanProgress silent(int total) {
        return new ScanProgress(total, null);
    }

    public void hostDone(HostReport report) {
        int n = done.incrementAndGet();
        if (out == null) {
            return;
        }
        if (total <= HOST_LINES_UP_TO) {
            out.printf("[%" + width() + "d/%d] %-24s %-15s %5.2fs%n", n, total, report.getName(), report.action(),
                    report.durationMillis() == null ? 0.0 : report.durationMillis() / 1000.0);
            return;
        }
        long now = System.nanoTime();
        long last = lastLine.get();
        if ((now - last >= INTERVAL_NANOS && lastLine.compareAndSet(last, now)) || n == total) {
            double seconds = (now - startedNanos) / 1e9;
            out.printf("scanned %d/%d hosts (%.0f hosts/s)%n", n, total, n / Math.max(seconds, 1e-3));
        }
    }

    public int done() {
        return done.get();
    }

    private int width() {
        return String.valueOf(total).length();
    }
}
