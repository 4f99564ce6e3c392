package org.wsusremediator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's simulator in a child JVM ({@link SimulatorChild}) started from this JVM's own class path (the
 * remediator jar, whose manifest names its libraries), with a heap of its own. Every wait on it is bounded; it is
 * always stopped: by {@link #close}, by a shutdown hook if this JVM ends first (Ctrl-C), and, should this JVM be
 * killed outright, by the child itself when its stdin reaches its end.
 */
final class SimulatorProcess implements AutoCloseable {

    private static final Duration STATS_WAIT = Duration.ofSeconds(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final OutputStream commands;
    private final Thread killer;

    private SimulatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = process.getOutputStream();
        Thread reader = new Thread(this::readLines, "bench-simulator-stdout");
        reader.setDaemon(true);
        reader.start();
        this.killer = new Thread(process::destroyForcibly, "bench-simulator-stop");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts the child and waits, at most {@code startWait}, until every host of {@code fleet} listens.
     *
     * @param heap the child's -Xmx, e.g. {@code 1g}
     */
    static SimulatorProcess start(BenchFleet fleet, String heap, Map<String, String> environment, Duration startWait)
            throws IOException, InterruptedException {
        if (!heap.matches("[0-9]{1,6}[kKmMgG]?")) {
            throw new IllegalArgumentException("simulator heap: a size like 768m or 1g, not '" + heap + "'");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), SimulatorChild.class.getName(),
                String.valueOf(fleet.hosts()), String.valueOf(fleet.latencyMs()), fleet.firstAddress(),
                String.valueOf(fleet.port()), fleet.auth().name()));
        Path log = Files.createTempFile("remediator-bench-simulator", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        SimulatorProcess simulator = new SimulatorProcess(builder.start(), log);
        try {
            simulator.awaitReady(startWait);
            return simulator;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            simulator.close();
            throw failed;
        }
    }

    private void awaitReady(Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String line = null;
        // in slices, so that a child that dies at start is reported at once, not after the whole wait
        while (line == null && System.nanoTime() < deadline && (process.isAlive() || !lines.isEmpty())) {
            line = lines.poll(200, TimeUnit.MILLISECONDS);
        }
        if (line == null && !process.isAlive()) {
            line = lines.poll(1, TimeUnit.SECONDS); // what it printed before it ended, if the reader is behind
        }
        if (line == null && !process.isAlive()) {
            throw new IOException("the simulator process ended at start (exit " + process.exitValue() + ")" + logTail());
        }
        if (line == null) {
            throw new IOException("the simulator process (pid " + pid() + ") did not listen within " + wait.toSeconds()
                    + " s" + logTail());
        }
        if (!line.startsWith("ready ")) {
            throw new IOException("the simulator process could not start: " + line + logTail());
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** HTTP requests and WS-Man requests the child has served so far. */
    long[] requestsServed() throws IOException, InterruptedException {
        lines.clear();
        try {
            commands.write("stats\n".getBytes(StandardCharsets.US_ASCII));
            commands.flush();
        } catch (IOException gone) {
            // its stdin is closed: it was stopped (Ctrl-C runs the shutdown hook while the scan goes on) or it died
            throw new IOException("the simulator process (pid " + pid() + ") has ended or is being stopped" + logTail(), gone);
        }
        String line = lines.poll(STATS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || !line.startsWith("stats ")) {
            throw new IOException("the simulator process did not report its statistics within " + STATS_WAIT.toSeconds()
                    + " s (" + line + ")" + logTail());
        }
        String[] parts = line.split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    /** The child's CPU time so far (user + system, from /proc/PID/stat on Linux), in nanoseconds; -1 if unknown. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** The child's peak resident memory (VmHWM of /proc/PID/status) in bytes; -1 where there is no /proc. */
    long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** What a parent killed outright leaves its child: stdin at its end (for the test that the child then ends). */
    void closeStdinOnly() throws IOException {
        commands.close();
    }

    /** Asks the child to stop, then ends it by force if it has not within a bounded wait. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            commands.close();
        } catch (IOException alreadyGone) {
            // the child has ended or closed its stdin: destroy below covers both
        }
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // this JVM is ending: the hook runs anyway and finds the child gone
        }
        if (!process.isAlive() && process.exitValue() == 0) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException kept) {
                // a temporary file left behind is harmless
            }
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // the child ended: waits on lines time out and say so
        }
    }

    private String logTail() {
        try {
            List<String> all = Files.readAllLines(log);
            return all.isEmpty() ? "" : "; its last log lines (" + log + "):\n  "
                    + String.join("\n  ", all.subList(Math.max(0, all.size() - 10), all.size()));
        } catch (IOException unreadable) {
            return "";
        }
    }
}
