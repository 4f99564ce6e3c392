package org.wsusremediator.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.scan.ScanProgress;

/**
 * Scans a generated fleet of simulated hosts through the real routes, the real WinRM4J client and real HTTP, and
 * measures what issue 15's targets speak of. The simulator runs in a child JVM ({@link SimulatorProcess}), so this
 * JVM's CPU, GC, JIT and heap are the client's alone and the simulator's CPU is measured apart. The hosts are reached
 * the way {@link Auth} says: NTLM with WS-Man message encryption (what a stock Windows host needs, so the realistic
 * cost), or Basic over plain HTTP (hosts given the legacy setting). A warm-up scan of a few hosts runs first and is
 * not counted.
 */
public final class ScanBenchmark {

    /** How the benchmark's hosts are configured and reached. */
    public enum Auth {
        /** Stock hosts (Basic off, AllowUnencrypted false): NTLM logon per connection, every message sealed. */
        NTLM,
        /** Hosts with the legacy setting (Basic on, AllowUnencrypted true): Basic over plain HTTP. */
        BASIC
    }

    /** What to run, beyond the fleet: defaults are those of {@code remediator benchmark}. */
    public record Settings(int parallelism, int warmUpHosts, String simulatorHeap, Duration progressInterval) {
        public static Settings of(int parallelism) {
            return new Settings(parallelism, 200, "1g", Duration.ofSeconds(5));
        }
    }

    private final BenchFleet fleet;
    private final Settings settings;

    public ScanBenchmark(BenchFleet fleet, Settings settings) {
        this.fleet = fleet;
        this.settings = settings;
    }

    public ScanBenchmark(int hosts, long latencyMs, int parallelism, String firstAddress, int port, Auth auth) {
        this(new BenchFleet(hosts, latencyMs, firstAddress, port, auth), Settings.of(parallelism));
    }

    public Figures run(PrintWriter progressOut) throws Exception {
        int hosts = fleet.hosts();
        int parallelism = settings.parallelism();
        // A fresh random password per run: the benchmark's fleet guards nothing, but it needs no secret in a file.
        Map<String, String> env = Map.of(BenchFleet.PASSWORD_VARIABLE, UUID.randomUUID().toString());
        Inventory inventory = fleet.inventory(parallelism);
        Path reportDir = Files.createTempDirectory("remediator-bench");
        String loadBefore = LoadAverage.read();
        // binding 10,000 loopback addresses takes a while on a busy machine: the wait grows with the fleet, bounded
        Duration startWait = Duration.ofSeconds(60 + hosts / 100);
        try (SimulatorProcess simulator = SimulatorProcess.start(fleet, settings.simulatorHeap(), env, startWait);
             Remediator remediator = Remediator.start(new RunSettings(reportDir, parallelism, env))) {
            progress(progressOut, "simulator: %d hosts listening in process %d (-Xmx%s)%n", hosts, simulator.pid(),
                    settings.simulatorHeap());
            int warmUp = warmUp(remediator, inventory);
            progress(progressOut, "warm-up: %d hosts scanned (not counted); measuring %d hosts at parallelism %d%n",
                    warmUp, hosts, parallelism);
            long[] requestsBefore = simulator.requestsServed();
            ClientMeter meter = new ClientMeter(simulator);
            ScanProgress scanProgress = ScanProgress.silent(hosts);
            ScanReport report;
            ClientMeter.Snapshot start;
            ClientMeter.Snapshot end;
            ClientMeter.Snapshot halfway;
            long peakHeap;
            try (HeapWatch heap = new HeapWatch()) {
                start = meter.snapshot(0);
                try (ProgressLine line = new ProgressLine(scanProgress, meter, start, hosts, settings.progressInterval(), progressOut)) {
                    report = remediator.scan(inventory, scanProgress).report();
                    end = meter.snapshot(hosts);
                    halfway = line.halfway();
                }
                peakHeap = heap.peakBytes();
            }
            long[] requestsAfter = simulator.requestsServed();
            long[] perHost = report.hosts().stream().mapToLong(h -> h.durationMillis() == null ? 0 : h.durationMillis()).toArray();
            Percentiles percentiles = new Percentiles(perHost);
            long unexpected = report.hosts().stream().map(HostReport::action).filter(a -> a != Action.INSTALL_KB).count()
                    + Math.max(0, hosts - report.hosts().size());
            ClientMeter.Snapshot steadyFrom = halfway == null ? start : halfway;
            int steadyHosts = hosts - steadyFrom.hostsDone();
            return new Figures(hosts, fleet.latencyMs(), parallelism, fleet.auth(), warmUp,
                    end.secondsSince(start), percentiles.at(50), percentiles.at(99),
                    (double) (requestsAfter[1] - requestsBefore[1]) / hosts, (double) (requestsAfter[0] - requestsBefore[0]) / hosts,
                    end.clientCpuSecondsSince(start), steadyHosts, end.clientCpuSecondsSince(steadyFrom),
                    end.simulatorCpuSecondsSince(start), simulator.pid(), simulator.peakResidentBytes(),
                    end.gcCount() - start.gcCount(), (end.gcMillis() - start.gcMillis()) / 1000.0, end.gcCpuSecondsSince(start),
                    (end.jitMillis() - start.jitMillis()) / 1000.0, end.jitCpuSecondsSince(start), peakHeap, Runtime.getRuntime().maxMemory(),
                    unexpected, Runtime.getRuntime().availableProcessors(), loadBefore, LoadAverage.read());
        }
    }

    private static void progress(PrintWriter out, String format, Object... args) {
        if (out != null) {
            out.printf(format, args);
            out.flush();
        }
    }

    /** JIT and connection pools warm up on a small scan first; that scan is not measured. */
    private int warmUp(Remediator remediator, Inventory inventory) {
        if (settings.warmUpHosts() == 0) {
            return 0;
        }
        List<HostEntry> some = inventory.hosts().subList(0, Math.min(settings.warmUpHosts(), inventory.hosts().size()));
        remediator.scan(new Inventory(inventory.source(), null, settings.parallelism(), some, inventory.credentials()),
                ScanProgress.silent(some.size()));
        return some.size();
    }

    /**
     * What one benchmark run measured, over the measured scan only (after the warm-up). CPU figures are process CPU
     * time (user + system, every thread). The steady state is the last half of the run: from the moment half the
     * hosts were done to the end, divided by the hosts done in it.
     */
    public record Figures(int hosts, long latencyMs, int parallelism, Auth auth, int warmUpHosts,
                          double elapsedSeconds, long p50Millis, long p99Millis,
                          double wsmanRequestsPerHost, double httpRequestsPerHost,
                          double clientCpuSeconds, int steadyHosts, double steadyClientCpuSeconds,
                          double simulatorCpuSeconds, long simulatorPid, long simulatorPeakResidentBytes,
                          long gcCount, double gcSeconds, double gcCpuSeconds, double jitSeconds, double jitCpuSeconds,
                          long peakHeapBytes, long maxHeapBytes,
                          long unexpectedOutcomes, int cores, String loadAverageBefore, String loadAverageAfter) {

        public double hostsPerSecond() {
            return hosts / Math.max(elapsedSeconds, 1e-9);
        }

        public double clientCpuMsPerHost() {
            return clientCpuSeconds * 1000 / hosts;
        }

        public double steadyClientCpuMsPerHost() {
            return steadyHosts == 0 ? 0 : steadyClientCpuSeconds * 1000 / steadyHosts;
        }

        public double simulatorCpuMsPerHost() {
            return simulatorCpuSeconds * 1000 / hosts;
        }

        /**
         * The round-trip bound: no scan of N hosts, R requests each, L per request, P at a time can be faster than
         * N × R × L / P (P no more than N). With R the WS-Man requests per host (5), as issue 15 states it.
         */
        public double boundSeconds() {
            return bound(wsmanRequestsPerHost);
        }

        /** The same bound counting every HTTP round trip (the NTLM logon's 401 challenges wait the latency too). */
        public double httpBoundSeconds() {
            return bound(httpRequestsPerHost);
        }

        public double ratioToBound() {
            return boundSeconds() == 0 ? 0 : elapsedSeconds / boundSeconds();
        }

        private double bound(double requestsPerHost) {
            return hosts * requestsPerHost * latencyMs / 1000.0 / Math.max(1, Math.min(parallelism, hosts));
        }

        /** Every figure, the derived ones too, as one JSON object: for tables built from many runs. */
        public void writeJson(Path file) throws java.io.IOException {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("hosts", hosts);
            json.put("latencyMs", latencyMs);
            json.put("parallelism", parallelism);
            json.put("auth", auth.name().toLowerCase(java.util.Locale.ROOT));
            json.put("warmUpHosts", warmUpHosts);
            json.put("elapsedSeconds", elapsedSeconds);
            json.put("hostsPerSecond", hostsPerSecond());
            json.put("p50Millis", p50Millis);
            json.put("p99Millis", p99Millis);
            json.put("wsmanRequestsPerHost", wsmanRequestsPerHost);
            json.put("httpRequestsPerHost", httpRequestsPerHost);
            json.put("boundSeconds", boundSeconds());
            json.put("ratioToBound", ratioToBound());
            json.put("httpBoundSeconds", httpBoundSeconds());
            json.put("clientCpuSeconds", clientCpuSeconds);
            json.put("clientCpuMsPerHost", clientCpuMsPerHost());
            json.put("steadyHosts", steadyHosts);
            json.put("steadyClientCpuMsPerHost", steadyClientCpuMsPerHost());
            json.put("simulatorCpuSeconds", simulatorCpuSeconds);
            json.put("simulatorCpuMsPerHost", simulatorCpuMsPerHost());
            json.put("simulatorPeakResidentBytes", simulatorPeakResidentBytes);
            json.put("gcCount", gcCount);
            json.put("gcSeconds", gcSeconds);
            json.put("gcCpuSeconds", gcCpuSeconds);
            json.put("jitSeconds", jitSeconds);
            json.put("jitCpuSeconds", jitCpuSeconds);
            json.put("peakHeapBytes", peakHeapBytes);
            json.put("maxHeapBytes", maxHeapBytes);
            json.put("unexpectedOutcomes", unexpectedOutcomes);
            json.put("cores", cores);
            json.put("loadAverageBefore", loadAverageBefore);
            json.put("loadAverageAfter", loadAverageAfter);
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        }

        private String shareOfClientCpu(double seconds) {
            if (Double.isNaN(seconds)) {
                return "not measurable (the JVM retired compiler threads during the run, and their CPU time with them)";
            }
            return seconds < 0 ? "unknown (no /proc)" : String.format(java.util.Locale.ROOT, "%.1f s (%.0f %% of the client's CPU)",
                    seconds, clientCpuSeconds <= 0 ? 0 : 100 * seconds / clientCpuSeconds);
        }

        public void print(PrintWriter out) {
            out.printf("hosts              %d, simulated in their own process (pid %d), %d ms latency per request%n",
                    hosts, simulatorPid, latencyMs);
            out.printf("parallelism        %d hosts at once%n", parallelism);
            out.printf("authentication     %s%n", auth == Auth.NTLM ? "NTLM, WS-Man message encryption over http"
                    : "Basic over http (legacy setting)");
            out.printf("warm-up            %d hosts scanned first, not counted%n", warmUpHosts);
            out.printf("elapsed            %.1f s%n", elapsedSeconds);
            out.printf("throughput         %.0f hosts/s%n", hostsPerSecond());
            out.printf("per-host time      p50 %d ms, p99 %d ms%n", p50Millis, p99Millis);
            out.printf("requests per host  %.2f WS-Man, %.2f HTTP (with NTLM challenges)%n", wsmanRequestsPerHost, httpRequestsPerHost);
            out.printf("round-trip bound   %d × %.2f × %d ms / %d = %.1f s; elapsed is %.2f× the bound"
                            + " (every HTTP round trip: %.1f s, %.2f×)%n",
                    hosts, wsmanRequestsPerHost, latencyMs, Math.min(parallelism, hosts), boundSeconds(), ratioToBound(),
                    httpBoundSeconds(), httpBoundSeconds() == 0 ? 0 : elapsedSeconds / httpBoundSeconds());
            out.printf("client CPU         %.1f s = %.1f ms per host; steady state (last %d hosts) %.1f ms per host%n",
                    clientCpuSeconds, clientCpuMsPerHost(), steadyHosts, steadyClientCpuMsPerHost());
            out.printf("simulator CPU      %.1f s = %.1f ms per host (own process, peak RSS %d MB)%n",
                    simulatorCpuSeconds, simulatorCpuMsPerHost(), Math.max(0, simulatorPeakResidentBytes) >> 20);
            out.printf("client GC          %d collections, %.2f s in collections; GC threads' CPU %s%n", gcCount, gcSeconds,
                    shareOfClientCpu(gcCpuSeconds));
            out.printf("client JIT         %.2f s compile time (summed over compiler threads); compiler threads' CPU %s%n",
                    jitSeconds, shareOfClientCpu(jitCpuSeconds));
            out.printf("client peak heap   %d MB (max heap %d MB)%n", peakHeapBytes >> 20, maxHeapBytes >> 20);
            out.printf("machine            %d cores; load average %s before, %s after%n", cores, loadAverageBefore, loadAverageAfter);
            out.printf("unexpected results %d%n", unexpectedOutcomes);
        }
    }
}
