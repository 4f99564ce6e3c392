package org.wsusremediator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's own worker threads, by what they do: the JIT compilers and the garbage collector. The
 * MXBeans give compile and collection time as elapsed time (summed over compiler threads, or pauses), which on a busy
 * machine says little about the CPU taken; the kernel's per-thread accounting ({@code /proc/self/task/TID/stat},
 * user + system ticks) does. Linux only: elsewhere -1. A compiler thread that the JVM retired between two snapshots
 * takes its time with it, so the figure is a lower bound.
 */
final class JvmThreadCpu {

    /** The kernel's USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private JvmThreadCpu() {
    }

    /** {JIT compiler threads' CPU, GC threads' CPU} in nanoseconds, or {-1, -1} where /proc is not there. */
    static long[] jitAndGcNanos() {
        if (!Files.isDirectory(TASKS)) {
            return new long[] {-1, -1};
        }
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended after the listing
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                // after "(comm) ", field 3 is the state; utime and stime are fields 14 and 15
                String[] fields = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += ticks;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    // VM Thread runs the stop-the-world operations, which on this workload are collections
                    gc += ticks;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {-1, -1};
        }
        return new long[] {jit * NANOS_PER_TICK, gc * NANOS_PER_TICK};
    }
}
