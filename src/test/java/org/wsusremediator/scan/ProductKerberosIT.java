package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHostSpec;
import org.wsusremediator.simulator.TestKdc;
import org.wsusremediator.simulator.WinRmServiceSpec;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * The product scans simulated Kerberos hosts through WinRM4J 0.12.3's Kerberos, against the real lab KDC
 * (src/test/kerberos/start-kdc.sh): a ticket for the inventory's credential, for the host's HTTP/ service
 * principal, verified by the simulator's acceptor. Host names resolve through src/test/kerberos/hosts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProductKerberosIT {

    private static final String PASSWORD_ENV = "KRB_SCAN_BASIC_PASSWORD";
    private static final String WRONG_ENV = "KRB_SCAN_WRONG_PASSWORD";

    @TempDir
    static Path dir;

    static TestKdc kdc;
    static FleetSimulator simulator;
    static Map<String, HostReport> hosts;
    static String log;

    @BeforeAll
    static void scan() throws Exception {
        kdc = TestKdc.require();
        int port = ScanLab.freePort("127.63.0.11");
        int httpsPort = ScanLab.freePort("127.63.0.13");
        // A stock host (AllowUnencrypted false) reached with Kerberos over HTTPS, as the product uses Kerberos.
        WinRmServiceSpec kerberosHttps = new WinRmServiceSpec(false, true, true, false, false, null, true, httpsPort,
                WinRmServiceSpec.CertificateKind.LAB_CA);
        WinRmServiceSpec kerberosOn = new WinRmServiceSpec(false, true, true, true, true, null, null, null, null);
        WinRmServiceSpec kerberosOff = new WinRmServiceSpec(false, true, false, true, true, null, null, null, null);
        FleetFile fleet = FleetFile.builder().port(port).account("LAB\\wsus-admin", PASSWORD_ENV)
                .host(SimulatedHostSpec.typicalSp1Server2008("krb-2008.wsuslab.test", "127.63.0.11").winrm(kerberosOn).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("krb-nospn.wsuslab.test", "127.63.0.12").winrm(kerberosOn).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("krb-off.wsuslab.test", "127.63.0.14").winrm(kerberosOff).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("krb-wrongpw.wsuslab.test", "127.63.0.15").winrm(kerberosOn).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("krb-https.wsuslab.test", "127.63.0.13").winrm(kerberosHttps).build())
                .build();
        Path labCa = dir.resolve("lab-ca.pem");
        simulator = FleetSimulator.builder(fleet).environment(Map.of(PASSWORD_ENV, "basic-is-off-" + System.nanoTime()))
                .kerberos(kdc.settings()).certificateAuthorityFile(labCa).start();
        Path inventoryFile = dir.resolve("inventory.yaml");
        Files.writeString(inventoryFile, """
                credentials:
                  krb: { username: '%s', password: 'file:%s' }
                  krb-wrong: { username: '%s', password: 'env:%s' }
                  krb-no-kdc: { username: 'WSUS-ADMIN@NOKDC.TEST', password: 'file:%s' }
                defaults:
                  credential: krb
                  port: %d
                  auth: kerberos
                  timeouts: { connect: 2s, operation: 5s, receive: 3s }
                groups:
                  kerberos-over-http:
                    allowUnencrypted: true   # WinRM4J's Kerberos cannot encrypt messages (winrm4j#151)
                    hosts:
                      - { name: krb-2008, address: krb-2008.wsuslab.test }
                      - { name: krb-nospn, address: krb-nospn.wsuslab.test }
                      - { name: krb-off, address: krb-off.wsuslab.test }
                      - { name: krb-wrongpw, address: krb-wrongpw.wsuslab.test, credential: krb-wrong }
                      - { name: krb-nokdc, address: krb-nokdc.wsuslab.test, credential: krb-no-kdc }
                hosts:
                  - { name: krb-https, address: krb-https.wsuslab.test, transport: https, port: %d, caFile: '%s' }
                """.formatted(kdc.user(), kdc.passwordFile(), kdc.user(), WRONG_ENV, kdc.passwordFile(), port, httpsPort, labCa));
        Inventory inventory = InventoryReader.read(inventoryFile);
        Map<String, String> environment = Map.of(WRONG_ENV, "not-" + kdc.password());
        try (Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 4, environment))) {
            hosts = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size())).report().hosts().stream()
                    .collect(Collectors.toMap(HostReport::getName, Function.identity()));
        }
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aKerberosHostIsScannedWithATicketForItsServicePrincipal() {
        HostReport host = hosts.get("krb-2008");
        assertThat(host.errorCategory()).as(host.reason()).isNull();
        assertThat(host.action()).isEqualTo(Action.INSTALL_KB);
        assertThat(simulator.host("krb-2008.wsuslab.test").openShellCount()).isZero();
    }

    @Test
    void aStockHostIsScannedWithKerberosOverHttpsTrustingTheLabCa() {
        HostReport host = hosts.get("krb-https");
        assertThat(host.errorCategory()).as(host.reason()).isNull();
        assertThat(host.action()).isEqualTo(Action.INSTALL_KB);
        assertThat(simulator.host("krb-https.wsuslab.test").tlsHandshakes()).isPositive();
        assertThat(simulator.host("krb-https.wsuslab.test").openShellCount()).isZero();
    }

    @Test
    void aWrongPasswordIsRefusedByTheKdcAndSaysSo() {
        HostReport host = hosts.get("krb-wrongpw");
        assertThat(host.action()).isEqualTo(Action.UNREACHABLE);
        assertThat(host.errorCategory()).isEqualTo(ErrorCategory.AUTH_REFUSED);
        assertThat(host.reason()).contains("the KDC refused the login of " + kdc.user()).contains("Pre-authentication")
                .doesNotContain(kdc.password());
        assertThat(simulator.host("krb-wrongpw.wsuslab.test").requestCount()).as("no ticket, nothing sent").isZero();
    }

    @Test
    void aHostNameWithoutServicePrincipalSaysWhichPrincipalIsMissing() {
        HostReport host = hosts.get("krb-nospn");
        assertThat(host.action()).isEqualTo(Action.UNREACHABLE);
        assertThat(host.errorCategory()).isEqualTo(ErrorCategory.AUTH_REFUSED);
        assertThat(host.reason()).contains("HTTP/krb-nospn.wsuslab.test");
    }

    @Test
    void aRealmWhoseKdcCannotBeFoundLeavesTheHostUnreachable() {
        // krb5.conf names no KDC for NOKDC.TEST (and DNS lookups of KDCs are off): nothing is sent to the host.
        HostReport host = hosts.get("krb-nokdc");
        assertThat(host.action()).isEqualTo(Action.UNREACHABLE);
        assertThat(host.errorCategory()).isEqualTo(ErrorCategory.UNREACHABLE);
        assertThat(host.reason()).contains("no KDC answered the login of WSUS-ADMIN@NOKDC.TEST");
        assertThat(host.durationMillis()).as("no KDC to wait for").isLessThan(5_000);
    }

    @Test
    void aHostWithKerberosOffRefusesTheKerberosClient() {
        HostReport host = hosts.get("krb-off");
        assertThat(host.action()).isEqualTo(Action.UNREACHABLE);
        assertThat(host.errorCategory()).isEqualTo(ErrorCategory.AUTH_REFUSED);
    }
}
