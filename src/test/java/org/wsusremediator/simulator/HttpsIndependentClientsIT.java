package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.WinRmServiceSpec.CertificateKind;

/**
 * Debian's pywinrm (requests, urllib3, OpenSSL: nothing of the JDK) against the simulator's HTTPS listeners,
 * trusting the lab CA's PEM file as the simulator wrote it: the lab-CA host runs a command with transport basic
 * and ssl; the wrong-name, self-signed and expired hosts are refused in the handshake and read no request.
 */
class HttpsIndependentClientsIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String USER = "LAB\\tls-admin";
    private static final String PASSWORD = "pywinrm-https-secret-not-real";

    @TempDir
    static Path dir;
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        FleetFile fleet = FleetFile.builder().port(55985).account(USER, "WSUS_LAB_PASSWORD")
                .host(HttpsListenerTest.https("py-ok", "127.62.2.10", CertificateKind.LAB_CA, null))
                .host(HttpsListenerTest.https("py-wrong", "127.62.2.11", CertificateKind.WRONG_NAME, null))
                .host(HttpsListenerTest.https("py-self", "127.62.2.12", CertificateKind.SELF_SIGNED, null))
                .host(HttpsListenerTest.https("py-expired", "127.62.2.13", CertificateKind.EXPIRED, null))
                .build();
        simulator = FleetSimulator.builder(fleet).environment(Map.of("WSUS_LAB_PASSWORD", PASSWORD))
                .certificateAuthorityFile(dir.resolve("lab-ca.pem")).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void pywinrmTrustsTheLabCaAndRefusesTheBadCertificates() throws Exception {
        requirePywinrm();
        List<String> command = new ArrayList<>(List.of(PYTHON, "src/test/interop/pywinrm_https_check.py",
                dir.resolve("lab-ca.pem").toString(), USER, "py-ok"));
        for (String host : List.of("py-ok", "py-wrong", "py-self", "py-expired")) {
            command.add(simulator.httpsEndpoint(host));
        }

        Result r = run(command, 120);

        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("basic: lab-CA host, hostname                 ok")
                .contains("ssl: wrong-name host refused                 ok").doesNotContain(PASSWORD);
        assertThat(simulator.host("py-ok").requestCount()).as("2 runs of 5 requests").isEqualTo(10);
        for (String host : List.of("py-wrong", "py-self", "py-expired")) {
            SimulatedHost h = simulator.host(host);
            assertThat(h.requestCount()).as(host + ": requests read").isZero();
            // urllib3 matches the name after OpenSSL's handshake (the server saw it complete), then hangs up
            // without a request; untrusted and expired certificates fail inside the handshake.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(host.equals("py-wrong")
                    ? h.tlsHandshakes() + h.tlsHandshakeFailures() : h.tlsHandshakeFailures()).as(host).isPositive());
        }
        System.out.println(r.output);
    }

    private static void requirePywinrm() throws Exception {
        if (run(List.of(PYTHON, "-c", "import winrm"), 30).exitCode == 0) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail("pywinrm is not installed, but CI must provide it: apt-get install -y python3-winrm");
        }
        Assumptions.abort("pywinrm is not installed (apt-get install -y python3-winrm); skipped outside CI");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("interop-https", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("WSUS_LAB_PASSWORD", PASSWORD);
            // requests would otherwise take a CA bundle from the environment over ca_trust_path's absence
            pb.environment().remove("REQUESTS_CA_BUNDLE");
            pb.environment().remove("CURL_CA_BUNDLE");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Result(127, e.toString());
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
