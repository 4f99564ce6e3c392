package org.wsusremediator.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.wsusremediator.bench.BenchFleet;
import org.wsusremediator.bench.ScanBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code remediator benchmark}: the scan's speed, CPU and memory on a generated simulated fleet. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Scans a generated simulated fleet and prints speed, CPU and memory figures.",
                "Starts the fleet simulator with N hosts and a per-request latency in a process of its own, scans a few",
                "hosts to warm up (not counted), then all of them through the real routes and WinRM client, and prints",
                "hosts/s, p50/p99 per-host time, requests per host, the round-trip bound and the ratio to it, the",
                "client's CPU per host (whole run and steady state), the simulator's CPU, GC, JIT and peak heap.",
                "--auth ntlm (the default) measures stock hosts (NTLM, every message sealed); --auth basic legacy ones.",
                "Run with REMEDIATOR_JAVA_OPTS=-Xmx512m to hold the scan to the heap target.",
                "--write-files DIR writes a fleet file and an inventory for the same hosts instead (scripts/bench/compare.sh)."})
public class BenchmarkCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--hosts", defaultValue = "10000", description = "simulated hosts (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--latency-ms", defaultValue = "50", description = "latency added to every response (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--parallelism", defaultValue = "64", description = "hosts visited at once (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--first-address", defaultValue = "127.80.0.1", description = "loopback address of the first host (default: ${DEFAULT-VALUE})")
    String firstAddress;

    @Option(names = "--auth", defaultValue = "ntlm", converter = AuthConverter.class,
            description = "ntlm (stock hosts: NTLM with WS-Man message encryption) or basic (legacy hosts: Basic over http)"
                    + " (default: ${DEFAULT-VALUE})")
    ScanBenchmark.Auth auth;

    @Option(names = "--port", defaultValue = "55990", description = "port every simulated host listens on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--warm-up", paramLabel = "HOSTS", defaultValue = "200",
            description = "hosts scanned before the measured scan, not counted (default: ${DEFAULT-VALUE})")
    int warmUpHosts;

    @Option(names = "--simulator-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "the simulator process's -Xmx (default: ${DEFAULT-VALUE})")
    String simulatorHeap;

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "5",
            description = "a progress line on stderr every S seconds (default: ${DEFAULT-VALUE})")
    int progressSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every figure to FILE as JSON (scripts/bench/sweep.sh)")
    Path json;

    @Option(names = "--write-files", paramLabel = "DIR",
            description = "write fleet.yaml, inventory.yaml, hosts.txt and probe-command.txt for these hosts to DIR and exit:"
                    + " to compare another WinRM client on one `remediator simulate` process")
    Path writeFiles;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || hosts > 50_000 || parallelism < 1 || parallelism > 1024 || latencyMs < 0 || latencyMs > 10_000
                || warmUpHosts < 0 || warmUpHosts > 50_000 || progressSeconds < 1 || progressSeconds > 3600) {
            throw new BadInput("--hosts 1..50000, --parallelism 1..1024, --latency-ms 0..10000, --warm-up 0..50000,"
                    + " --progress-seconds 1..3600");
        }
        if (!simulatorHeap.matches("[0-9]{1,6}[kKmMgG]?")) {
            throw new BadInput("--simulator-heap: a size like 768m or 1g, not '" + simulatorHeap + "'");
        }
        BenchFleet fleet;
        try {
            fleet = new BenchFleet(hosts, latencyMs, firstAddress, port, auth);
            fleet.fleet();
        } catch (IllegalArgumentException invalid) {
            throw new BadInput("the benchmark's fleet: " + invalid.getMessage(), invalid);
        }
        if (writeFiles != null) {
            fleet.writeFiles(writeFiles, parallelism).forEach(f -> out().println("wrote " + f));
            return ExitCodes.OK;
        }
        ScanBenchmark.Figures figures = new ScanBenchmark(fleet,
                new ScanBenchmark.Settings(parallelism, warmUpHosts, simulatorHeap, Duration.ofSeconds(progressSeconds))).run(err());
        figures.print(out());
        if (json != null) {
            figures.writeJson(json);
        }
        return figures.unexpectedOutcomes() == 0 ? ExitCodes.OK : ExitCodes.HOSTS_UNRESOLVED;
    }

    /** {@code ntlm} or {@code basic}, in any case; anything else is bad input (exit 2). */
    static final class AuthConverter implements picocli.CommandLine.ITypeConverter<ScanBenchmark.Auth> {
        @Override
        public ScanBenchmark.Auth convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "ntlm" -> ScanBenchmark.Auth.NTLM;
                case "basic" -> ScanBenchmark.Auth.BASIC;
                default -> throw new picocli.CommandLine.TypeConversionException("--auth: ntlm or basic, not '" + value + "'");
            };
        }
    }
}
