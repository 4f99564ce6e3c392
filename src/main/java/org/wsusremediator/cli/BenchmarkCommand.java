package org.wsusremediator.cli;

import java.util.concurrent.Callable;
import org.wsusremediator.bench.ScanBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code remediator benchmark}: the scan's speed and memory on a generated simulated fleet. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Scans a generated simulated fleet and prints speed and memory figures.",
                "Starts the fleet simulator with N hosts and a per-request latency, scans them through the real routes",
                "and WinRM client, and prints hosts/s, p50/p99 per-host time, WS-Man requests per host and peak heap.",
                "--auth ntlm (the default) measures stock hosts (NTLM, every message sealed); --auth basic legacy ones.",
                "Run with REMEDIATOR_JAVA_OPTS=-Xmx512m to hold it to the heap target."})
public class BenchmarkCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--hosts", defaultValue = "10000", description = "simulated hosts (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--latency-ms", defaultValue = "50", description = "latency added to every WS-Man response (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--parallelism", defaultValue = "128", description = "hosts visited at once (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--first-address", defaultValue = "127.80.0.1", description = "loopback address of the first host (default: ${DEFAULT-VALUE})")
    String firstAddress;

    @Option(names = "--auth", defaultValue = "ntlm", converter = AuthConverter.class,
            description = "ntlm (stock hosts: NTLM with WS-Man message encryption) or basic (legacy hosts: Basic over http)"
                    + " (default: ${DEFAULT-VALUE})")
    ScanBenchmark.Auth auth;

    @Option(names = "--port", defaultValue = "55990", description = "port every simulated host listens on (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || hosts > 50_000 || parallelism < 1 || parallelism > 1024 || latencyMs < 0) {
            throw new BadInput("--hosts 1..50000, --parallelism 1..1024, --latency-ms >= 0");
        }
        ScanBenchmark.Figures figures = new ScanBenchmark(hosts, latencyMs, parallelism, firstAddress, port, auth).run(err());
        figures.print(out());
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
