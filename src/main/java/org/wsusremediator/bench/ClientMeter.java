package org.wsusremediator.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What this JVM (the scanning client) and the simulator's process had spent at one moment: CPU time, GC count and
 * time, JIT compile time. Differences of two snapshots are the cost of what ran between them.
 */
final class ClientMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final SimulatorProcess simulator;

    ClientMeter(SimulatorProcess simulator) {
        this.simulator = simulator;
    }

    Snapshot snapshot(int hostsDone) {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long jitMillis = compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
        long[] jitAndGcCpu = JvmThreadCpu.jitAndGcNanos();
        return new Snapshot(System.nanoTime(), hostsDone, os.getProcessCpuTime(), simulator.cpuNanos(), gcCount, gcMillis,
                jitMillis, jitAndGcCpu[0], jitAndGcCpu[1]);
    }

    /** One moment's totals; CPU times in nanoseconds (process CPU: every thread, user + system). */
    record Snapshot(long nanoTime, int hostsDone, long clientCpuNanos, long simulatorCpuNanos, long gcCount, long gcMillis,
                    long jitMillis, long jitCpuNanos, long gcCpuNanos) {

        double secondsSince(Snapshot earlier) {
            return (nanoTime - earlier.nanoTime) / 1e9;
        }

        double clientCpuSecondsSince(Snapshot earlier) {
            return (clientCpuNanos - earlier.clientCpuNanos) / 1e9;
        }

        /** -1 without /proc; NaN when compiler threads the JVM retired took their CPU time with them (less than before). */
        double jitCpuSecondsSince(Snapshot earlier) {
            if (jitCpuNanos < 0 || earlier.jitCpuNanos < 0) {
                return -1;
            }
            return jitCpuNanos < earlier.jitCpuNanos ? Double.NaN : (jitCpuNanos - earlier.jitCpuNanos) / 1e9;
        }

        double gcCpuSecondsSince(Snapshot earlier) {
            return gcCpuNanos < 0 || earlier.gcCpuNanos < 0 ? -1 : (gcCpuNanos - earlier.gcCpuNanos) / 1e9;
        }

        double simulatorCpuSecondsSince(Snapshot earlier) {
            return (simulatorCpuNanos - earlier.simulatorCpuNanos) / 1e9;
        }
    }
}
