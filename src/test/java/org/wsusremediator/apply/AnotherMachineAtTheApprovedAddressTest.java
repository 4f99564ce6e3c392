package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;
import org.wsusremediator.window.ScheduleFile;

/**
 * Issue 8 item 1: an approval is made for one machine. Later another machine, built from the same image (so
 * every fact the plan recorded is the same), answers at the approved address: a DNS name moved, a NAT rule
 * changed, a server was replaced. The inventory did not change. The apply must not install there: the host
 * ends DRIFTED because the machine's own identity is part of the approved fingerprint. Real scan, real store
 * (H2), real apply routes, WinRM over HTTP to the simulator.
 */
class AnotherMachineAtTheApprovedAddressTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        cleanups.forEach(Runnable::run);
    }

    @Test
    void anApprovalMadeForOneMachineNeverInstallsOnAnother() throws Exception {
        Path inventoryFile = new ApplyFleet("127.71.3").sp1("wsus-a", "east", null).write(dir.resolve("fleet"));
        Path fleetFile = dir.resolve("fleet/fleet.yaml");
        Store store = TestDatabases.all().findFirst().orElseThrow().getPayload().create(dir, cleanups).open();
        open.add(store);
        Inventory inventory = InventoryReader.read(inventoryFile);
        var rollout = ScheduleFile.read(dir.resolve("fleet/windows.yaml")).rollout();
        Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 2, ApplyFleet.environment(), store));
        open.add(remediator);

        Plan plan;
        try (FleetSimulator approvedMachine = FleetSimulator.start(FleetFile.load(fleetFile), ApplyFleet.environment())) {
            plan = PlanMaker.from(remediator.scan(inventory, ScanProgress.silent(1)).report(), inventory.remediation(), "alice",
                    Duration.ofHours(1), Instant.now());
            store.savePlan(plan);
            store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of("wsus-a"), "change 4711", Instant.now()));
        }

        // The same build, another machine: only its MachineGuid differs; it now answers at 127.71.3.10.
        String fleet = Files.readString(fleetFile);
        Files.writeString(fleetFile, fleet.replace("    address: 127.71.3.10\n",
                "    address: 127.71.3.10\n    machineGuid: 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\n"));
        FleetSimulator otherMachine = FleetSimulator.start(FleetFile.load(fleetFile), ApplyFleet.environment());
        open.add(otherMachine);

        RunReport report = remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout,
                "apply --now", "alice", null, Duration.ofSeconds(30), Map.of())).report();

        HostRun host = report.hosts().stream().filter(h -> h.host().equals("wsus-a")).findFirst().orElseThrow();
        assertThat(host.state()).as(String.valueOf(host)).isEqualTo(HostState.DRIFTED);
        assertThat(otherMachine.host("wsus-a").installerRuns()).as("installs on the other machine").isEmpty();
        assertThat(otherMachine.host("wsus-a").scheduledTasks()).isEmpty();
    }
}
