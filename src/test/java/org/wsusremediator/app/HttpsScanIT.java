package org.wsusremediator.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHost;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * A scan over HTTPS through the real product (inventory file with caFile, Camel routes, WinRM4J over CXF) against
 * the simulator's HTTPS listeners: the host whose certificate the lab CA issued is scanned; the self-signed,
 * expired and wrong-name hosts are refused in the TLS handshake, so not one HTTP request (and no Authorization
 * header) reaches them, and the report says which certificate problem it was, without the password.
 */
class HttpsScanIT {

    static final String PASSWORD = "https-scan-test-secret";

    @TempDir
    static Path dir;
    static FleetSimulator simulator;
    static Remediator.ScanResult result;

    @BeforeAll
    static void scan() throws Exception {
        Files.writeString(dir.resolve("fleet.yaml"), """
                certificateAuthority: { certificateFile: lab-ca.pem }
                defaults: { port: 55985, winrm: { basic: true, https: true } }
                accounts: [ { username: 'LAB\\\\tls-admin', passwordEnv: TLS_PASSWORD } ]
                hosts:
                  - { name: tls-ok,      address: 127.62.1.10, %s }
                  - { name: tls-self,    address: 127.62.1.11, winrm: { certificate: self-signed }, %s }
                  - { name: tls-expired, address: 127.62.1.12, winrm: { certificate: expired }, %s }
                  - { name: tls-wrong,   address: 127.62.1.13, winrm: { certificate: wrong-name }, %s }
                """.formatted(HOST, HOST, HOST, HOST));
        Files.writeString(dir.resolve("inventory.yaml"), """
                credentials:
                  tls-admin: { username: 'LAB\\\\tls-admin', password: env:TLS_PASSWORD }
                defaults:
                  credential: tls-admin
                  transport: https
                  auth: basic
                  caFile: lab-ca.pem
                  timeouts: { connect: 2s, operation: 5s, receive: 5s }
                hosts:
                  - { name: tls-ok,      address: 127.62.1.10 }
                  - { name: tls-self,    address: 127.62.1.11 }
                  - { name: tls-expired, address: 127.62.1.12 }
                  - { name: tls-wrong,   address: 127.62.1.13 }
                """);
        Map<String, String> env = Map.of("TLS_PASSWORD", PASSWORD);
        // The simulator first: it writes the lab CA's certificate that the inventory's caFile names.
        simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet.yaml")), env);
        Inventory inventory = InventoryReader.read(dir.resolve("inventory.yaml"));
        try (Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 4, env))) {
            result = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        }
    }

    private static final String HOST = """
            os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }, architecture: x64,
                      powershell: "2.0", wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' },
                      dllVersion: 3.1.6001.65""";

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void theHostWhoseCertificateTheLabCaIssuedIsScannedOverHttps() {
        HostReport ok = report("tls-ok");
        assertThat(ok.errorCategory()).isNull();
        assertThat(ok.action()).isEqualTo(Action.INSTALL_KB);
        SimulatedHost host = simulator.host("tls-ok");
        assertThat(host.tlsHandshakes()).isPositive();
        assertThat(host.requestCount()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tls-self    | certificate is not trusted
            tls-expired | certificate has expired
            tls-wrong   | certificate is not for this host name
            """)
    void aBadCertificateIsRefusedBeforeAnyRequestReachesTheHost(String name, String problem) {
        HostReport report = report(name);
        assertThat(report.action()).isEqualTo(Action.UNREACHABLE);
        assertThat(report.errorCategory()).isEqualTo(ErrorCategory.TLS_FAILED);
        assertThat(report.reason()).contains("host " + name).containsIgnoringCase(problem).doesNotContain(PASSWORD);
        SimulatedHost host = simulator.host(name);
        assertThat(host.tlsHandshakeFailures()).as("the client reached the HTTPS listener").isPositive();
        assertThat(host.tlsHandshakes()).isZero();
        assertThat(host.requestCount()).as("HTTP requests (so Authorization headers) the host read").isZero();
    }

    static HostReport report(String name) {
        return result.report().hosts().stream().filter(h -> h.getName().equals(name)).findFirst().orElseThrow();
    }
}
