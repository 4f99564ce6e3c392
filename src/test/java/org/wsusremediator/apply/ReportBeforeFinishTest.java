package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.api.Trigger;
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
import org.wsusremediator.window.ScheduleFile;

/**
 * Issue 9, "Also" 3: a run journaled as ended always has its report. The report was written after the final journal
 * entry, so a kill between the two left a FINISHED run with no report. Here an H2 trigger on the run journal (the
 * real store, the real apply routes over WinRM to the simulator) looks at the report folder at the very moment the
 * run's row leaves RUNNING: both the JSON and the HTML report must already be there.
 */
class ReportBeforeFinishTest {

    /** What the trigger saw: for each run row leaving RUNNING, its status and the report files present. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile Path reports;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        SEEN.clear();
    }

    /** Fires inside the UPDATE that ends a run: the columns are those of V2__run_journal.sql. */
    public static final class ReportsAtEnd implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
            String runId = (String) newRow[0];
            String planId = (String) newRow[1];
            String status = (String) newRow[8];
            if ("RUNNING".equals(oldRow[8]) && !"RUNNING".equals(status)) {
                String name = planId + "-" + runId;
                SEEN.add(status + " json=" + Files.exists(reports.resolve(name + ".json"))
                        + " html=" + Files.exists(reports.resolve(name + ".html")));
            }
        }
    }

    @Test
    void theRunReportIsOnDiskWhenTheRunIsJournaledFinished() throws Exception {
        ApplyFleet fleet = new ApplyFleet("127.55.31").sp1("r1", "east", null);
        Path inventoryFile = fleet.write(dir.resolve("fleet"));
        FleetSimulator simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet/fleet.yaml")),
                ApplyFleet.environment());
        open.add(simulator);
        Store store = Store.open(Store.defaultH2Url(dir.resolve("data")), "sa", "");
        open.add(store);
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER reports_at_end BEFORE UPDATE ON runs FOR EACH ROW CALL '"
                    + ReportsAtEnd.class.getName() + "'");
        }
        reports = dir.resolve("reports");
        Inventory inventory = InventoryReader.read(inventoryFile);
        Rollout rollout = ScheduleFile.read(dir.resolve("fleet/windows.yaml")).rollout();
        Remediator remediator = Remediator.start(new RunSettings(reports, rollout.concurrency(),
                ApplyFleet.environment(), store));
        open.add(remediator);
        var scan = remediator.scan(inventory, ScanProgress.silent(1));
        Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
        store.savePlan(plan);
        store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of(), "change 4711", Instant.now()));

        Remediator.RunResult result = remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout,
                "apply --now", "alice", null, Duration.ofSeconds(30), Map.of()));

        assertThat(result.report().status()).isEqualTo("FINISHED");
        assertThat(result.reportFile()).exists();
        assertThat(SEEN).as("the report files when the run was journaled as ended")
                .containsExactly("FINISHED json=true html=true");
    }
}
