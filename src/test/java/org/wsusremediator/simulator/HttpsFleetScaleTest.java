package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of thousands of HTTPS hosts starts in seconds: one CA and one shared host key pair are made at start,
 * each host's certificate only on its first connection (docs/simulator-https.md gives the figures measured here).
 */
class HttpsFleetScaleTest {

    private static final int HOSTS = 2000;

    @TempDir
    Path dir;

    @Test
    void aCaIsMadeInALittleTimeAndACertificateInMuchLess() {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        LabCertificateAuthority ca = LabCertificateAuthority.create();
        long caNs = cpu.getCurrentThreadCpuTime() - t0;
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 100; i++) {
            ca.chainFor("h" + i, "127.62.15." + (i + 1), WinRmServiceSpec.CertificateKind.LAB_CA);
        }
        long perCertNs = (cpu.getCurrentThreadCpuTime() - t1) / 100;
        System.out.printf("lab CA (2 RSA-2048 key pairs + CA certificate): %.1f ms CPU; one host certificate: %.2f ms CPU%n",
                caNs / 1e6, perCertNs / 1e6);
        assertThat(perCertNs).isLessThan(caNs);
    }

    @Test
    void twoThousandHttpsHostsStartQuicklyAndIssueACertificateOnFirstUse() throws Exception {
        FleetFile fleet = FleetFile.builder().port(55985).account("a", "SCALE_PASSWORD")
                .generateHosts(HOSTS, "127.62.16.1", "tls", b -> b.winrm(
                        new WinRmServiceSpec(null, null, null, null, false, null, true, null, null)))
                .build();
        long start = System.nanoTime();
        try (FleetSimulator simulator = FleetSimulator.builder(fleet).environment(Map.of("SCALE_PASSWORD", "x"))
                .certificateAuthorityFile(dir.resolve("ca.pem")).start()) {
            long startedMs = (System.nanoTime() - start) / 1_000_000;
            HttpClient client = HttpsListenerTest.client(dir.resolve("ca.pem"));
            long first = System.nanoTime();
            int status = identify(client, simulator.httpsEndpoint("tls0000"));
            long firstMs = (System.nanoTime() - first) / 1_000_000;
            long second = System.nanoTime();
            identify(HttpsListenerTest.client(dir.resolve("ca.pem")), simulator.httpsEndpoint("tls0000"));
            long secondMs = (System.nanoTime() - second) / 1_000_000;
            System.out.printf("HTTPS fleet: %d hosts started in %d ms; first handshake+Identify %d ms"
                    + " (certificate issued), next one %d ms%n", HOSTS, startedMs, firstMs, secondMs);
            assertThat(status).isEqualTo(200);
            assertThat(startedMs).as("start of %d HTTPS hosts", HOSTS).isLessThan(30_000);
        }
    }

    private static int identify(HttpClient client, String url) throws Exception {
        String body = "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:wsmid=\"" + Wsman.IDENTITY + "\">"
                + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
