package org.wsusremediator.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.WinRmServiceSpec.CertificateKind;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's HTTPS listeners over real TLS, with the JDK's HTTP client trusting only the lab CA's PEM file
 * as the simulator wrote it: the lab-CA host is reached, each negative certificate is refused in the handshake,
 * and a refused handshake leaves the host without a single HTTP request (so no credential reached it).
 */
class HttpsListenerTest {

    private static final String USER = "LAB\\tls-admin";
    private static final String PASSWORD = "https-listener-test-secret";
    private static final int HTTP_PORT = 55985;

    @TempDir
    static Path dir;
    private static FleetSimulator simulator;
    private static HttpClient trustingLabCa;

    @BeforeAll
    static void start() throws Exception {
        FleetFile fleet = FleetFile.builder().port(HTTP_PORT).account(USER, "TLS_TEST_PASSWORD")
                .host(https("tls-ok", "127.62.0.10", CertificateKind.LAB_CA, null))
                .host(https("tls-self", "127.62.0.11", CertificateKind.SELF_SIGNED, null))
                .host(https("tls-expired", "127.62.0.12", CertificateKind.EXPIRED, null))
                .host(https("tls-wrong", "127.62.0.13", CertificateKind.WRONG_NAME, null))
                .host(https("tls-only", "127.62.0.14", null, false))
                .host(SimulatedHostSpec.typicalSp1Server2008("plain", "127.62.0.15").build())
                .build();
        simulator = FleetSimulator.builder(fleet).environment(Map.of("TLS_TEST_PASSWORD", PASSWORD))
                .certificateAuthorityFile(dir.resolve("lab-ca.pem")).start();
        trustingLabCa = client(dir.resolve("lab-ca.pem"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static SimulatedHostSpec https(String name, String address, CertificateKind kind, Boolean http) {
        return SimulatedHostSpec.typicalSp1Server2008(name, address)
                .winrm(new WinRmServiceSpec(true, null, null, null, http, null, true, null, kind)).build();
    }

    @Test
    void theLabCaHostAnswersOverHttpsOnPort5986WithTheSameWsmanService() throws Exception {
        assertThat(simulator.httpsEndpoint("tls-ok")).isEqualTo("https://127.62.0.10:5986/wsman");

        HttpResponse<String> created = post(trustingLabCa, simulator.httpsEndpoint("tls-ok"), create(), true);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("ShellId").contains("https://127.62.0.10:5986/wsman");
        assertThat(simulator.host("tls-ok").tlsHandshakes()).isPositive();
        assertThat(simulator.host("tls-ok").openShellCount()).isEqualTo(1);
    }

    @Test
    void aHostMayHaveBothListenersOrHttpsAlone() throws Exception {
        HttpResponse<String> overHttp = post(HttpClient.newHttpClient(), simulator.endpoint("tls-ok"), identify(), false);
        assertThat(overHttp.statusCode()).isEqualTo(200);

        assertThat(post(trustingLabCa, simulator.httpsEndpoint("tls-only"), identify(), false).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> post(HttpClient.newHttpClient(), simulator.endpoint("tls-only"), identify(), false))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> simulator.httpsEndpoint("plain")).hasMessageContaining("no HTTPS listener");
    }

    @Test
    void selfSignedExpiredAndWrongNameCertificatesAreRefusedBeforeAnyRequest() {
        for (String name : new String[] {"tls-self", "tls-expired", "tls-wrong"}) {
            SimulatedHost host = simulator.host(name);
            assertThatThrownBy(() -> post(trustingLabCa, simulator.httpsEndpoint(name), create(), true))
                    .as(name).isInstanceOf(SSLHandshakeException.class);
            assertThat(host.requestCount()).as(name + ": HTTP requests read").isZero();
            assertThat(host.tlsHandshakes()).as(name).isZero();
            // the server sees the client's alert a moment after the client gave up
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(host.tlsHandshakeFailures()).as(name + ": the client reached the listener").isPositive());
        }
    }

    @Test
    void theCaFileIsThePemOfTheRunningCa() throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("lab-ca.pem"))) {
            X509Certificate written = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(written).isEqualTo(simulator.certificateAuthority().certificate());
        }
        assertThat(simulator.certificateAuthorityFile()).isEqualTo(dir.resolve("lab-ca.pem"));
    }

    @Test
    void theFleetFileNamesTheCaFileRelativeToItselfAndWinRm11ListensOn443() throws Exception {
        Path fleetFile = dir.resolve("fleet/fleet.yaml");
        Files.createDirectories(fleetFile.getParent());
        Files.writeString(fleetFile, """
                certificateAuthority: { certificateFile: certs/lab-ca.pem }
                defaults: { winrm: { https: true } }
                accounts: [ { username: a, passwordEnv: X } ]
                hosts:
                  - { name: old, address: 127.62.0.20, wsmanStack: "1.1", os: { caption: c, version: 5.2.3790 }, architecture: x86 }
                  - { name: new, address: 127.62.0.21, winrm: { httpsPort: 55986, certificate: expired },
                      os: { caption: c, version: 6.0.6001 }, architecture: x64 }
                """);
        FleetFile fleet = FleetFile.load(fleetFile);

        assertThat(fleet.certificateAuthority().path()).isEqualTo(dir.resolve("fleet/certs/lab-ca.pem"));
        SimulatedHost old = new SimulatedHost(fleet.hosts().get(0), fleet.defaults());
        SimulatedHost fresh = new SimulatedHost(fleet.hosts().get(1), fleet.defaults());
        assertThat(old.https()).isEqualTo(new HttpsListenerSpec(443, CertificateKind.LAB_CA));
        assertThat(fresh.https()).isEqualTo(new HttpsListenerSpec(55986, CertificateKind.EXPIRED));
    }

    @Test
    void twoListenersOfTwoHostsOnOneEndpointAreRefused() {
        assertThatThrownBy(() -> FleetFile.builder().account("a", "X")
                .host(https("a", "127.62.0.30", null, null))
                .host(SimulatedHostSpec.typicalSp1Server2008("b", "127.62.0.30").port(5986).build()).build())
                .hasMessageContaining("127.62.0.30:5986 is already used by hosts[0] (a)");
    }

    private static HttpResponse<String> post(HttpClient client, String url, String body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP client that trusts exactly the CAs of a PEM file, and checks host names (the JDK's default). */
    static HttpClient client(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String identify() {
        return "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
                + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
    }

    private static String create() {
        return RawWsman.envelope(Wsman.CREATE, RawWsman.messageId(), null,
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
    }
}
