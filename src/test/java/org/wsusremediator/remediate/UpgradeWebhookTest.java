package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/** An HTTP webhook as the upgrade sink, by configuration alone: a real HTTP server on loopback receives the record. */
class UpgradeWebhookTest {

    @TempDir
    Path work;

    @Test
    void aFlaggedHostIsPostedToTheWebhook() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/upgrades", exchange -> {
            received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Map<String, String> env = Map.of("WSUS_LAB_PASSWORD", "webhook-test-secret");
        Inventory lab = InventoryReader.read(Path.of("inventory/lab.yaml"));
        Inventory onlyUpgrade = lab.withHosts(List.of(lab.host("rtm-2008-upgrade").orElseThrow()))
                .withRemediation(lab.remediation().withUpgradeSink(
                        "http://127.0.0.1:" + webhook.getAddress().getPort() + "/upgrades"));
        try (FleetSimulator simulator = FleetSimulator.start(FleetFile.load(lab.simulatorFleet()), env);
             Remediator remediator = Remediator.start(new RunSettings(work, 1, env))) {
            HostReport flagged = remediator.remediate(onlyUpgrade, ScanProgress.silent(1)).report().hosts().get(0);
            assertThat(flagged.remediation().outcome()).isEqualTo(Outcome.FLAGGED);
        } finally {
            webhook.stop(0);
        }
        assertThat(received).singleElement().asString()
                .startsWith("POST ").contains("\"host\" : \"rtm-2008-upgrade\"").contains("WSUS 3.0 SP1");
    }
}
