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
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.CredentialRef;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.RtmPolicy;
import org.wsusremediator.inventory.Timeouts;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHostSpec;
import org.wsusremediator.simulator.WinRmServiceSpec;

/**
 * Scans a generated fleet of simulated hosts through the real routes, the real WinRM4J client and real HTTP,
 * and measures what the targets speak of: hosts per second, per-host time, WS-Man requests per host
 * and peak heap. The hosts are reached the way {@link Auth} says: NTLM with WS-Man message encryption (what a stock
 * Windows host needs, so the realistic cost), or Basic over plain HTTP (hosts given the legacy setting).
 */
public final class ScanBenchmark {

    /** How the benchmark's hosts are configured and reached. */
    public enum Auth {
        /** Stock hosts (Basic off, AllowUnencrypted false): NTLM logon per connection, every message sealed. */
        NTLM,
        /** Hosts with the legacy setting (Basic on, AllowUnencrypted true): Basic over plain HTTP. */
        BASIC
    }

    private static final String PASSWORD_VARIABLE = "REMEDIATOR_BENCH_PASSWORD";
    private static final String CREDENTIAL = "bench";

    private final int hosts;
    private final long latencyMs;
    private final int parallelism;
    private final String firstAddress;
    private final int port;
    private final Auth auth;

    public ScanBenchmark(int hosts, long latencyMs, int parallelism, String firstAddress, int port, Auth auth) {
        this.auth = auth;
        this.hosts = hosts;
        this.latencyMs = latencyMs;
        this.parallelism = parallelism;
        this.firstAddress = firstAddress;
        this.port = port;
    }

    public Figures run(PrintWriter progressOut) throws Exception {
        // A fresh random password per run: the benchmark's fleet guards nothing, but it needs no secret in a file.
        Map<String, String> env = Map.of(PASSWORD_VARIABLE, UUID.randomUUID().toString());
        FleetFile.Builder builder = FleetFile.builder().port(port).latencyMs(latencyMs).account(CREDENTIAL, PASSWORD_VARIABLE);
        if (auth == Auth.BASIC) {
            builder.winrm(WinRmServiceSpec.legacyBasicOverHttp());
        }
        FleetFile fleet = builder.generateHosts(hosts, firstAddress, "wsus-", b -> b).build();
        Inventory inventory = inventoryFor(fleet.hosts());
        Path reportDir = Files.createTempDirectory("remediator-bench");
        long peakHeap;
        long started;
        long finished;
        ScanReport report;
        long requests;
        try (FleetSimulator simulator = FleetSimulator.start(fleet, env);
             Remediator remediator = Remediator.start(new RunSettings(reportDir, parallelism, env))) {
            warmUp(remediator, inventory);
            long requestsBefore = simulator.statistics().totalRequests();
            try (HeapWatch heap = new HeapWatch()) {
                started = System.nanoTime();
                report = remediator.scan(inventory, new ScanProgress(hosts, progressOut)).report();
                finished = System.nanoTime();
                peakHeap = heap.peakBytes();
            }
            requests = simulator.statistics().totalRequests() - requestsBefore;
        }
        long[] perHost = report.hosts().stream().mapToLong(h -> h.durationMillis() == null ? 0 : h.durationMillis()).toArray();
        Percentiles percentiles = new Percentiles(perHost);
        long unexpected = report.hosts().stream().map(HostReport::action).filter(a -> a != Action.INSTALL_KB).count();
        return new Figures(hosts, latencyMs, parallelism, auth, Duration.ofNanos(finished - started), percentiles.at(50),
                percentiles.at(99), (double) requests / hosts, peakHeap, Runtime.getRuntime().maxMemory(), unexpected);
    }

    /** JIT and connection pools warm up on a small scan first; that scan is not measured. */
    private void warmUp(Remediator remediator, Inventory inventory) {
        List<HostEntry> some = inventory.hosts().subList(0, Math.min(200, inventory.hosts().size()));
        remediator.scan(new Inventory(inventory.source(), null, parallelism, some, inventory.credentials()),
                ScanProgress.silent(some.size()));
    }

    private Inventory inventoryFor(List<SimulatedHostSpec> specs) {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
        List<HostEntry> entries = specs.stream()
                .map(s -> new HostEntry(s.name(), "bench", s.address(), port, Transport.HTTP,
                        auth == Auth.BASIC ? AuthScheme.BASIC : AuthScheme.NTLM, CREDENTIAL,
                        auth == Auth.BASIC, true, timeouts, RtmPolicy.UPGRADE, "benchmark", 0))
                .toList();
        return new Inventory(Path.of("benchmark"), null, parallelism, entries,
                Map.of(CREDENTIAL, new CredentialRef.EnvPassword(CREDENTIAL, PASSWORD_VARIABLE)));
    }

    /** What one benchmark run measured. */
    public record Figures(int hosts, long latencyMs, int parallelism, Auth auth, Duration elapsed, long p50Millis, long p99Millis,
                          double requestsPerHost, long peakHeapBytes, long maxHeapBytes, long unexpectedOutcomes) {

        public double hostsPerSecond() {
            return hosts / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }

        public void print(PrintWriter out) {
            out.printf("hosts              %d (simulated, %d ms latency per WS-Man request)%n", hosts, latencyMs);
            out.printf("parallelism        %d hosts at once%n", parallelism);
            out.printf("authentication     %s%n", auth == Auth.NTLM ? "NTLM, WS-Man message encryption over http"
                    : "Basic over http (legacy setting)");
            out.printf("elapsed            %.1f s%n", elapsed.toMillis() / 1000.0);
            out.printf("throughput         %.0f hosts/s%n", hostsPerSecond());
            out.printf("per-host time      p50 %d ms, p99 %d ms%n", p50Millis, p99Millis);
            out.printf("WS-Man requests    %.2f per host%n", requestsPerHost);
            out.printf("peak heap          %d MB (max heap %d MB)%n", peakHeapBytes >> 20, maxHeapBytes >> 20);
            out.printf("unexpected results %d%n", unexpectedOutcomes);
        }
    }
}
