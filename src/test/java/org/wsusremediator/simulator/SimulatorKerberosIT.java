package org.wsusremediator.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's Kerberos acceptor against the real lab KDC (src/test/kerberos/start-kdc.sh), proved by a client
 * written by others: Debian's pywinrm with transport='kerberos' (requests-kerberos over pykerberos, MIT's GSS-API).
 * Over plain HTTP: WinRM4J's Kerberos cannot encrypt messages (winrm4j#151), and neither can pywinrm 0.3.0 with
 * Debian's pykerberos 1.1.14 (it lacks authGSSWinRMEncryptMessage), so these hosts allow unencrypted traffic.
 */
class SimulatorKerberosIT {

    private static final String PYTHON = "/usr/bin/python3";
    static final String KERBEROS_HOST = "krb-2008.wsuslab.test";
    static final String OFF_HOST = "krb-off.wsuslab.test";
    static final String HTTPS_HOST = "krb-https.wsuslab.test";
    private static final String PASSWORD_ENV = "KRB_TEST_LAB_PASSWORD";

    @TempDir
    static Path tempDir;
    private static TestKdc kdc;
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        kdc = TestKdc.require();
        simulator = FleetSimulator.builder(fleet(freePort("127.63.0.11"), freePort("127.63.0.13")))
                .environment(Map.of(PASSWORD_ENV, "basic-is-off-here-" + System.nanoTime()))
                .kerberos(kdc.settings())
                .certificateAuthorityFile(tempDir.resolve("lab-ca.pem"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * Kerberos over HTTP with AllowUnencrypted, as these clients need; a host with Kerberos off next to it; and a
     * stock host (AllowUnencrypted false) with Kerberos over HTTPS only, with the lab CA's certificate.
     */
    static FleetFile fleet(int port, int httpsPort) {
        WinRmServiceSpec kerberosOn = new WinRmServiceSpec(false, true, true, true, true, null, null, null, null);
        WinRmServiceSpec kerberosOff = new WinRmServiceSpec(false, true, false, true, true, null, null, null, null);
        WinRmServiceSpec kerberosHttps = new WinRmServiceSpec(false, true, true, false, false, null, true, httpsPort,
                WinRmServiceSpec.CertificateKind.LAB_CA);
        return FleetFile.builder().port(port).account("LAB\\wsus-admin", PASSWORD_ENV)
                .host(SimulatedHostSpec.typicalSp1Server2008(KERBEROS_HOST, "127.63.0.11").computerName("KRB-2008")
                        .winrm(kerberosOn).build())
                .host(SimulatedHostSpec.typicalSp1Server2008(OFF_HOST, "127.63.0.14").computerName("KRB-OFF")
                        .winrm(kerberosOff).build())
                .host(SimulatedHostSpec.typicalSp1Server2008(HTTPS_HOST, "127.63.0.13").computerName("KRB-HTTPS")
                        .winrm(kerberosHttps).build())
                .build();
    }

    static int freePort(String address) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pywinrmKerberosRunsCommandsAsTheMappedAccount(@TempDir Path dir) throws Exception {
        String cache = kdc.kinit(dir);
        long before = simulator.statistics().requests(KERBEROS_HOST);

        Result r = run(List.of(PYTHON, "src/test/interop/pywinrm_kerberos_check.py", simulator.endpoint(KERBEROS_HOST),
                KERBEROS_HOST, kdc.user(), OFF_HOST), Map.of("KRB5_CONFIG", kdc.krb5Config().toString(), "KRB5CCNAME", cache));

        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("hostname: " + KERBEROS_HOST)
                // WSUS-ADMIN@WSUSLAB.TEST is the fleet account LAB\wsus-admin
                .contains("whoami: lab\\wsus-admin")
                .contains("ticket for another host refused")
                .contains("message encryption: off");
        assertThat(simulator.statistics().requests(KERBEROS_HOST) - before).isGreaterThanOrEqualTo(8);
        assertThat(simulator.host(KERBEROS_HOST).openShellCount()).isZero();
    }

    @Test
    void pywinrmKerberosOverHttpsTrustingTheLabCa(@TempDir Path dir) throws Exception {
        String cache = kdc.kinit(dir);

        Result r = run(List.of(PYTHON, "src/test/interop/pywinrm_kerberos_check.py", simulator.httpsEndpoint(HTTPS_HOST),
                HTTPS_HOST, kdc.user(), OFF_HOST, simulator.certificateAuthorityFile().toString()),
                Map.of("KRB5_CONFIG", kdc.krb5Config().toString(), "KRB5CCNAME", cache));

        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("hostname: " + HTTPS_HOST).contains("whoami: lab\\wsus-admin")
                .contains("ticket for another host refused");
        assertThat(simulator.host(HTTPS_HOST).tlsHandshakes()).isPositive();
        assertThat(simulator.host(HTTPS_HOST).openShellCount()).isZero();
    }

    @Test
    void aKerberosHostOffersKerberosAndRefusesAnythingElse() throws Exception {
        HttpResponse<String> noTicket = post(KERBEROS_HOST, null);
        assertThat(noTicket.statusCode()).isEqualTo(401);
        assertThat(noTicket.headers().allValues("WWW-Authenticate")).contains("Negotiate", "Kerberos");

        // A token that is no Kerberos ticket (a GSS header with the Kerberos OID and garbage after it)
        byte[] fake = {0x60, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00};
        HttpResponse<String> forged = post(KERBEROS_HOST, "Kerberos " + Base64.getEncoder().encodeToString(fake));
        assertThat(forged.statusCode()).isEqualTo(401);

        HttpResponse<String> off = post(OFF_HOST, null);
        assertThat(off.statusCode()).isEqualTo(401);
        assertThat(off.headers().allValues("WWW-Authenticate")).doesNotContain("Kerberos");
    }

    private static HttpResponse<String> post(String host, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.endpoint(host)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope/>"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
