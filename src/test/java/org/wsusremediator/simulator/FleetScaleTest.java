package org.wsusremediator.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many hosts on one small event loop: start-up time and throughput with per-request latency. */
class FleetScaleTest {

    private static final String PASSWORD = "scale-secret-not-real";
    private static final String USER = "LAB\\wsus-admin";

    static FleetFile generated(int count, String firstAddress, long latencyMs) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(firstAddress))) {
            port = probe.getLocalPort();
        }
        return FleetFile.builder()
                .port(port)
                .latencyMs(latencyMs)
                .account(USER, "WSUS_LAB_PASSWORD")
                .winrm(WinRmServiceSpec.legacyBasicOverHttp()) // legacy setting: the sample is read with Basic
                .generateHosts(count, firstAddress, "scale-", b -> b)
                .build();
    }

    @Test
    void thousandHostFleetStartsQuicklyAndASampleAnswers() throws Exception {
        FleetFile fleet = generated(1000, "127.60.0.1", 0);
        long t0 = System.nanoTime();
        try (FleetSimulator simulator = FleetSimulator.start(fleet, Map.of("WSUS_LAB_PASSWORD", PASSWORD))) {
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
            List<SimulatedHost> sample = new ArrayList<>(simulator.hosts());
            Collections.shuffle(sample, new Random(7));
            sample = sample.subList(0, 50);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<String>> outputs = new ArrayList<>();
                for (SimulatedHost h : sample) {
                    outputs.add(pool.submit(() -> {
                        try (MiniWsmanClient c = new MiniWsmanClient(h.address(), h.port(), USER, PASSWORD)) {
                            return c.probe(PowerShellTest.probeLine());
                        }
                    }));
                }
                for (int i = 0; i < sample.size(); i++) {
                    assertThat(outputs.get(i).get(30, TimeUnit.SECONDS)).startsWith("WSUSPROBE 1\r\n").endsWith("END\r\n");
                }
            } finally {
                pool.shutdownNow();
            }
            FleetStatistics stats = simulator.statistics();
            assertThat(stats.totalRequests()).isEqualTo(250);
            assertThat(stats.requestsPerHost().values().stream().filter(n -> n == 5).count()).isEqualTo(50);
            assertThat(stats.maxConcurrentShells()).isEqualTo(1);
        }
    }

    /**
     * The benchmark's load: 10,000 hosts, 50 ms latency before every response, 5 requests per host, bounded client
     * parallelism. Slow-ish (fd-hungry too), so only on request: -Dsimulator.scale=true.
     */
    @Test
    @EnabledIfSystemProperty(named = "simulator.scale", matches = "true")
    void tenThousandHostsAtFiftyMillisecondsLatency() throws Exception {
        FleetFile fleet = generated(10_000, "127.61.0.1", 50);
        long t0 = System.nanoTime();
        try (FleetSimulator simulator = FleetSimulator.start(fleet, Map.of("WSUS_LAB_PASSWORD", PASSWORD))) {
            long started = System.nanoTime();
            System.out.printf("10,000 hosts bound in %d ms%n", TimeUnit.NANOSECONDS.toMillis(started - t0));
            ExecutorService pool = Executors.newFixedThreadPool(400);
            List<Future<String>> outputs = new ArrayList<>();
            for (SimulatedHost h : simulator.hosts()) {
                outputs.add(pool.submit(() -> {
                    try (MiniWsmanClient c = new MiniWsmanClient(h.address(), h.port(), USER, PASSWORD)) {
                        return c.probe(PowerShellTest.probeLine());
                    }
                }));
            }
            for (Future<String> f : outputs) {
                assertThat(f.get(120, TimeUnit.SECONDS)).endsWith("END\r\n");
            }
            pool.shutdown();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("10,000 hosts x 5 requests at 50 ms with 400 client threads: %d ms%n", took.toMillis());
            assertThat(simulator.statistics().totalRequests()).isEqualTo(50_000);
            assertThat(took).isLessThan(Duration.ofSeconds(60));
        }
    }
}
