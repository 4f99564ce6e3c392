package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * Issue 8 item 18: a WSUS 3.0 RTM host with rtmPolicy workaround whose probe already shows no PowerShell was
 * planned RTM_WORKAROUND, and failed only when the recipe ran ('powershell' is not recognized). A workaround
 * recipe is PowerShell, so the scan must say NEEDS_REVIEW with the reason; with PowerShell, the same host is
 * RTM_WORKAROUND. Through a real scan of the simulator (the cmd.exe fallback probe reads the host).
 */
class RtmWithoutPowerShellScanTest {

    private static final String RTM_2003 = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                wsus: { versionString: 3.0.6000.273, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.0.6000.273
                log: { folder: "Log Files", signatures: 1, lastSignature: "2008-06-20 08:15:42,317" }
            """;

    @TempDir
    Path work;

    @Test
    void aWorkaroundRecipeOnAHostWithoutPowerShellNeedsReviewAtScanTime() throws Exception {
        Path file = new ScanFleet()
                .host("rtm-nops-2003", "127.71.2.10", RTM_2003, ", rtmPolicy: workaround")
                .host("rtm-ps-2003", "127.71.2.11", RTM_2003 + "    powershell: \"2.0\"\n", ", rtmPolicy: workaround")
                .host("rtm-nops-upgrade", "127.71.2.12", RTM_2003, ", rtmPolicy: upgrade")
                .write(work.resolve("fleet"));
        Inventory inventory = InventoryReader.read(file);
        try (FleetSimulator simulator = FleetSimulator.start(FleetFile.load(inventory.simulatorFleet()), ScanFleet.environment());
                Remediator remediator = Remediator.start(new RunSettings(work.resolve("reports"), 3, ScanFleet.environment()))) {
            List<HostReport> hosts = remediator.scan(inventory, ScanProgress.silent(3)).report().hosts();

            HostReport withoutPowerShell = hosts.get(0);
            assertThat(withoutPowerShell.facts().probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
            assertThat(withoutPowerShell.action()).as(withoutPowerShell.reason()).isEqualTo(Action.NEEDS_REVIEW);
            assertThat(withoutPowerShell.reason()).contains("rtmPolicy workaround").contains("no PowerShell")
                    .contains("recipe");
            assertThat(withoutPowerShell.nextStep()).isNull();

            assertThat(hosts.get(1).action()).as(hosts.get(1).reason()).isEqualTo(Action.RTM_WORKAROUND);
            // An upgrade flag needs no PowerShell on the host.
            assertThat(hosts.get(2).action()).as(hosts.get(2).reason()).isEqualTo(Action.FLAG_UPGRADE);
        }
    }
}
