package org.wsusremediator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap in use over a measured stretch, sampled every 10 ms on a daemon thread. Heap in use includes
 * garbage not yet collected, so this is what the JVM needed from its -Xmx, not only the live set.
 */
final class HeapWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
        System.gc();
        sampler = new Thread(this::sample, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }

    private void sample() {
        while (running) {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
