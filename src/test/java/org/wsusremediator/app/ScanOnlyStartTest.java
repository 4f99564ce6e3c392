package org.wsusremediator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * The lazy start of a process that only scans (scan, plan): only the routes a scan runs through are loaded,
 * with a real Camel context and a real scan of a simulated host (127.88.0.x, this test's range), and the entry
 * points that need the other routes refuse instead of failing in a route that is not there.
 */
class ScanOnlyStartTest {

    static final String PASSWORD = "scan-only-test-secret";
    static final String ADDRESS = "127.88.0.21";

    @TempDir
    Path dir;

    @Test
    void aScanOnlyRemediatorLoadsTheScanRoutesAndScans() throws Exception {
        int port = freePort();
        Path inventoryFile = oneHostFleet(dir, port);
        Map<String, String> env = Map.of("WSUS_LAB_PASSWORD", PASSWORD);
        try (FleetSimulator fleet = FleetSimulator.start(FleetFile.load(dir.resolve("fleet.yaml")), env);
             Remediator remediator = Remediator.startForScans(new RunSettings(dir.resolve("reports"), 2, env))) {
            CamelContext context = remediator.camelContext();
            assertThat(context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("scan-fleet", "visit-host", "write-report", "write-run-report");
            // Neither the change windows' template (the only user of Quartz) nor the clustered runs' is loaded.
            ModelCamelContext model = (ModelCamelContext) context;
            assertThat(model.getRouteTemplateDefinitions()).isEmpty();
            assertThat(context.hasComponent("quartz")).isNull();

            Inventory inventory = InventoryReader.read(inventoryFile);
            Remediator.ScanResult result = remediator.scan(inventory, ScanProgress.silent(1));
            assertThat(result.report().hosts()).singleElement()
                    .satisfies(host -> assertThat(host.action()).as(host.reason()).isEqualTo(Action.INSTALL_KB));
            assertThat(result.reportFile()).exists();
            assertThat(fleet.host("sp1-2008-x64").installerRuns()).isEmpty();

            assertThatThrownBy(() -> remediator.remediate(inventory, ScanProgress.silent(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("scans only");
            assertThatThrownBy(() -> remediator.addChangeWindow("w", "0 0 2 * * ?", "UTC"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("scans only");
            assertThatThrownBy(() -> remediator.addWaveClaims(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("scans only");
            assertThat(context.hasComponent("quartz")).isNull();
        }
    }

    @Test
    void everyOtherStartLoadsEveryRoute() throws Exception {
        try (Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 2, Map.of()))) {
            CamelContext context = remediator.camelContext();
            assertThat(context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet()))
                    .contains("scan-fleet", "visit-host", "remediate-fleet", "apply-plan", "act", "install-kb");
            assertThat(((ModelCamelContext) context).getRouteTemplateDefinition("change-window")).isNotNull();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return probe.getLocalPort();
        }
    }

    /** One vulnerable WSUS 3.0 SP1 host, stock Windows (NTLM, message encryption), and its inventory. */
    static Path oneHostFleet(Path dir, int port) throws IOException {
        Files.writeString(dir.resolve("fleet.yaml"), """
                defaults:
                  port: %d
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                hosts:
                  - name: sp1-2008-x64
                    address: %s
                    os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                    architecture: x64
                    powershell: "2.0"
                    wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                    dllVersion: 3.1.6001.65
                    log: { folder: LogFiles, signatures: 0 }
                """.formatted(port, ADDRESS));
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, """
                credentials:
                  lab-admin:
                    username: LAB\\wsus-admin
                    password: env:WSUS_LAB_PASSWORD
                defaults:
                  credential: lab-admin
                groups:
                  lab:
                    port: %d
                    auth: ntlm
                    hosts:
                      - { name: sp1-2008-x64, address: %s }
                """.formatted(port, ADDRESS));
        return inventory;
    }
}
