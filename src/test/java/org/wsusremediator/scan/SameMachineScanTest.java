package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.probe.MachineIdentity;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * Issue 8 item 1: two inventory entries, two different addresses, one machine (a DNS alias, a second address,
 * NAT). No textual check on the inventory can see it; the machine's own identity, read by the probe, can. Both
 * entries become NEEDS_REVIEW naming each other, so no plan can approve two installs on one machine. Through
 * a real scan of the simulator: the PowerShell probe and the cmd.exe fallback (reg query ... /v MachineGuid).
 */
class SameMachineScanTest {

    private static final String GUID_A = "6b29fc40-ca47-1067-b31d-00dd010662da";
    private static final String GUID_OLD = "a7d1e5c3-2f4b-4a68-9c0e-1b3d5f7a9c2e";
    private static final String SERVER_2003_NO_POWERSHELL = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.65
                log: { folder: "Log Files", signatures: 0 }
            """;

    @TempDir
    Path work;

    @Test
    void twoEntriesReachingOneMachineBothNeedReview() throws Exception {
        Path file = new ScanFleet()
                .host("wsus-a", "127.71.4.10", ScanFleet.SP1_2008_X64 + identity("WSUSA", GUID_A))
                .host("wsus-a-alias", "127.71.4.11", ScanFleet.SP1_2008_X64 + identity("WSUSA", GUID_A))
                .host("wsus-b", "127.71.4.12", ScanFleet.SP1_2008_X64)
                .host("old", "127.71.4.13", SERVER_2003_NO_POWERSHELL + identity("OLDWSUS", GUID_OLD))
                .host("old-nat", "127.71.4.14", SERVER_2003_NO_POWERSHELL + identity("OLDWSUS", GUID_OLD))
                .write(work.resolve("fleet"));
        Inventory inventory = InventoryReader.read(file);
        ScanReport report;
        Remediator.ScanResult result;
        try (FleetSimulator simulator = FleetSimulator.start(FleetFile.load(inventory.simulatorFleet()), ScanFleet.environment());
                Remediator remediator = Remediator.start(new RunSettings(work.resolve("reports"), 5, ScanFleet.environment()))) {
            result = remediator.scan(inventory, ScanProgress.silent(5));
            report = result.report();
        }
        Map<String, HostReport> hosts = report.hosts().stream().collect(Collectors.toMap(HostReport::getName, Function.identity()));

        assertThat(hosts.get("wsus-a").facts().machine()).isEqualTo(new MachineIdentity("WSUSA", GUID_A));
        assertThat(hosts.get("wsus-a").action()).isEqualTo(Action.NEEDS_REVIEW);
        assertThat(hosts.get("wsus-a").reason()).startsWith("same machine as wsus-a-alias (same MachineGuid " + GUID_A + ")")
                .contains("the facts alone say INSTALL_KB");
        assertThat(hosts.get("wsus-a-alias").action()).isEqualTo(Action.NEEDS_REVIEW);
        assertThat(hosts.get("wsus-a-alias").reason()).startsWith("same machine as wsus-a (");
        assertThat(hosts.get("wsus-a").nextStep()).isNull();

        // Read by the cmd.exe fallback: reg query "HKLM\SOFTWARE\Microsoft\Cryptography" /v MachineGuid, set COMPUTERNAME
        assertThat(hosts.get("old").facts().probeMethod()).isEqualTo(ProbeMethod.CMD_FALLBACK);
        assertThat(hosts.get("old").facts().machine()).isEqualTo(new MachineIdentity("OLDWSUS", GUID_OLD));
        assertThat(hosts.get("old").action()).isEqualTo(Action.NEEDS_REVIEW);
        assertThat(hosts.get("old").reason()).startsWith("same machine as old-nat");
        assertThat(hosts.get("old-nat").reason()).startsWith("same machine as old (");

        // A machine of its own keeps its decision, with its identity in the report.
        assertThat(hosts.get("wsus-b").action()).isEqualTo(Action.INSTALL_KB);
        assertThat(hosts.get("wsus-b").facts().machine().computerName()).isEqualTo("WSUS-B");
        assertThat(Files.readString(result.reportFile())).contains("\"machineGuid\" : \"" + GUID_A + "\"");

        // And so a plan can approve wsus-b only.
        Plan plan = PlanMaker.from(report, inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
        assertThat(plan.hosts()).filteredOn(PlannedHost::needsApproval).extracting(PlannedHost::host).containsExactly("wsus-b");
    }

    private static String identity(String computerName, String guid) {
        return "    computerName: " + computerName + "\n    machineGuid: " + guid + "\n";
    }
}
