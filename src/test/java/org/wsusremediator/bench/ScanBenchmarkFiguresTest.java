package org.wsusremediator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.FleetSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A small benchmark run: its figures are present and agree with what was run, the simulator ran in a process of its
 * own, and that process is gone afterwards.
 */
class ScanBenchmarkFiguresTest {

    private static final long LATENCY_MS = 10;

    @Test
    void aSmallRunPrintsSaneFiguresAndLeavesNoSimulatorProcess(@TempDir Path dir) throws Exception {
        String first = "127.87.3.1";
        BenchFleet fleet = new BenchFleet(20, LATENCY_MS, first, ScanBenchmarkAuthTest.freePort(first), ScanBenchmark.Auth.NTLM);
        StringWriter progress = new StringWriter();

        ScanBenchmark.Figures f = new ScanBenchmark(fleet, new ScanBenchmark.Settings(8, 5, "256m", Duration.ofSeconds(1)))
                .run(new PrintWriter(progress, true));

        // the simulator was a child process, not this JVM, and it has ended
        assertThat(f.simulatorPid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.of(f.simulatorPid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.current().children().toList()).isEmpty();
        assertThat(FleetSimulator.runningInThisProcess()).isEmpty();

        assertThat(f.unexpectedOutcomes()).isZero();
        assertThat(f.warmUpHosts()).isEqualTo(5);
        assertThat(f.wsmanRequestsPerHost()).isEqualTo(5.0);
        // 20 hosts × 5 requests × 10 ms / 8 at once
        assertThat(f.boundSeconds()).isCloseTo(0.125, within(1e-9));
        assertThat(f.elapsedSeconds()).isGreaterThanOrEqualTo(f.boundSeconds());
        assertThat(f.ratioToBound()).isGreaterThanOrEqualTo(1.0);
        // a host waits the latency at least once per request it makes
        assertThat(f.p50Millis()).isGreaterThanOrEqualTo(5 * LATENCY_MS);
        assertThat(f.p99Millis()).isGreaterThanOrEqualTo(f.p50Millis());
        assertThat(f.clientCpuSeconds()).isPositive();
        assertThat(f.simulatorCpuSeconds()).isPositive();
        assertThat(f.steadyHosts()).isBetween(1, 20);
        assertThat(f.steadyClientCpuSeconds()).isPositive().isLessThanOrEqualTo(f.clientCpuSeconds());
        // CPU cannot exceed wall time × cores (plus a margin for how the figures are sampled)
        assertThat(f.clientCpuSeconds()).isLessThanOrEqualTo(f.elapsedSeconds() * f.cores() + 0.5);
        assertThat(f.gcCount()).isNotNegative();
        assertThat(f.jitSeconds()).isNotNegative();
        // the JIT's and the GC's threads are part of this process: their CPU is within the client's
        assertThat(f.jitCpuSeconds()).isNotNegative().isLessThanOrEqualTo(f.clientCpuSeconds() + 0.05);
        assertThat(f.gcCpuSeconds()).isNotNegative().isLessThanOrEqualTo(f.clientCpuSeconds() + 0.05);
        assertThat(f.peakHeapBytes()).isPositive().isLessThanOrEqualTo(f.maxHeapBytes());
        assertThat(f.simulatorPeakResidentBytes()).isPositive();

        StringWriter printed = new StringWriter();
        f.print(new PrintWriter(printed, true));
        assertThat(printed.toString())
                .contains("warm-up            5 hosts scanned first, not counted")
                .contains("requests per host  5.00 WS-Man")
                .contains("round-trip bound   20 × 5.00 × 10 ms / 8 = 0.1 s")
                .containsPattern("client CPU +[0-9.]+ s = [0-9.]+ ms per host; steady state \\(last [0-9]+ hosts\\) [0-9.]+ ms per host")
                .containsPattern("simulator CPU +[0-9.]+ s = [0-9.]+ ms per host \\(own process")
                .containsPattern("client GC +[0-9]+ collections, [0-9.]+ s in collections; GC threads' CPU [0-9.]+ s \\([0-9]+ % of the client's CPU\\)")
                .containsPattern("client JIT +[0-9.]+ s compile time \\(summed over compiler threads\\); compiler threads' CPU [0-9.]+ s")
                .contains("client peak heap", "load average");
        assertThat(progress.toString()).contains("simulator: 20 hosts listening in process " + f.simulatorPid())
                .contains("warm-up: 5 hosts scanned (not counted)");

        Path json = dir.resolve("figures.json");
        f.writeJson(json);
        JsonNode node = new ObjectMapper().readTree(json.toFile());
        assertThat(node.get("hosts").asInt()).isEqualTo(20);
        assertThat(node.get("auth").asText()).isEqualTo("ntlm");
        assertThat(node.get("hostsPerSecond").asDouble()).isCloseTo(f.hostsPerSecond(), within(1e-9));
        assertThat(node.get("clientCpuMsPerHost").asDouble()).isPositive();
        assertThat(node.get("steadyClientCpuMsPerHost").asDouble()).isPositive();
        assertThat(node.get("simulatorCpuSeconds").asDouble()).isPositive();
        assertThat(node.get("ratioToBound").asDouble()).isGreaterThanOrEqualTo(1.0);
        for (String key : new String[] {"p50Millis", "p99Millis", "gcSeconds", "gcCount", "gcCpuSeconds", "jitSeconds", "jitCpuSeconds", "peakHeapBytes",
                "boundSeconds", "httpRequestsPerHost", "loadAverageBefore"}) {
            assertThat(node.has(key)).as(key).isTrue();
        }
    }

    @Test
    void aSimulatorThatCannotListenIsReportedAndLeavesNoProcess() throws Exception {
        String first = "127.87.4.1";
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(first))) {
            BenchFleet fleet = new BenchFleet(3, 0, first, taken.getLocalPort(), ScanBenchmark.Auth.BASIC);

            assertThatThrownBy(() -> new ScanBenchmark(fleet, ScanBenchmark.Settings.of(2)).run(null))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the simulator process could not start")
                    .hasMessageContaining(first + ":" + taken.getLocalPort());
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void theSimulatorProcessEndsWhenItsParentGoesAway() throws Exception {
        String first = "127.87.5.1";
        BenchFleet fleet = new BenchFleet(2, 0, first, ScanBenchmarkAuthTest.freePort(first), ScanBenchmark.Auth.BASIC);
        try (SimulatorProcess simulator = SimulatorProcess.start(fleet, "128m", java.util.Map.of(BenchFleet.PASSWORD_VARIABLE, "x"),
                Duration.ofSeconds(60))) {
            ProcessHandle child = ProcessHandle.of(simulator.pid()).orElseThrow();
            assertThat(simulator.requestsServed()).containsExactly(0, 0);
            // a parent killed outright closes the child's stdin and nothing else: that alone must end the child
            simulator.closeStdinOnly();
            assertThat(child.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }
}
