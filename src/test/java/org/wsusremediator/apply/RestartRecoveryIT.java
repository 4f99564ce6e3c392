package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.wsusremediator.simulator.SimulatedHost;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;

/**
 * A run killed (SIGKILL, a real separate process) right after it sent a host's restart: the next run decides the host
 * from its facts (the boot time changed from the one journaled before the restart, the DLL fixed, WSUS serving) and
 * ends it REMEDIATED, with no second install and no second restart, also when a pending-restart flag lingers after the
 * boot. The simulated fleet lives in this test's process,
 * so the host restarts while no run is there.
 */
class RestartRecoveryIT {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private FleetSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).run();
        }
    }

    @Test
    void aRunKilledDuringARestartIsFinishedByTheNextFromTheBootTime() throws Exception {
        ApplyFleet fleet = new ApplyFleet("127.81.3").latencyMs(50)
                .rollout("  canary: 0\n  waveSize: 100%\n  minWaveSuccess: 0%\n  maxFailures: 100%\n  concurrency: 1\n")
                .remediation("  restartTimeout: 60s\n  restartDelay: 1s\n")
                .needsRestart("r1", "east", true, 3, 0);
        TestDatabases.Db db = new TestDatabases.Db("h2", Store.defaultH2Url(dir), "sa", "h2-Test-Secret-7", dir);
        String planId = startAndPlan(fleet, db);
        SimulatedHost r1 = simulator.host("r1");
        Instant bootBefore = r1.lastBoot();

        Process first = applyNow(db, planId, "first");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                .failFast("the first run ended first", () -> assertThat(first.isAlive()).as(() -> log("first")).isTrue())
                .until(() -> !r1.shutdownRequests().isEmpty());
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).as("killed after the restart note").containsEntry("r1", "ACTED");
            awaitLeaseExpiry(store, planId);
        }
        // The host restarts on its own meanwhile (no run is watching it) and is back before the next run.
        await().atMost(Duration.ofSeconds(30)).until(() -> r1.bootCount() == 1 && r1.answersWinRm());
        // A pending-restart flag that lingers after the boot ("it may take some time after a reboot to have the keys
        // automatically removed", docs/simulator-restarts.md): only the boot time can tell that the restart happened.
        r1.registry().createKey("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired");
        assertThat(r1.rebootPending()).isTrue();

        Process second = applyNow(db, planId, "second");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the next run finishes").isTrue();
        assertThat(second.exitValue()).as(() -> log("second")).isZero();
        assertThat(r1.installerRuns()).as("installer runs").hasSize(1);
        assertThat(r1.shutdownRequests()).as("restarts requested").hasSize(1);
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).containsEntry("r1", "REMEDIATED");
            HostStateRecord done = store.hostStates(planId).get(store.hostStates(planId).size() - 1);
            assertThat(done.detail()).contains("interrupted run", "boot time before it: " + bootBefore,
                    "restarted (boot time now " + r1.lastBoot(), "health check passed", "not started again");
        }
    }

    private String startAndPlan(ApplyFleet fleet, TestDatabases.Db db) throws Exception {
        Path inventoryFile = fleet.write(dir.resolve("fleet"));
        simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet/fleet.yaml")), ApplyFleet.environment());
        try (Store store = db.open();
             Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 4, ApplyFleet.environment()))) {
            Inventory inventory = InventoryReader.read(inventoryFile);
            var scan = remediator.scan(inventory, ScanProgress.silent(1));
            Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
            store.savePlan(plan);
            store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of(), "change 4711", Instant.now()));
            return plan.id();
        }
    }

    /** Waits until the killed run's lease (2 s after its last heartbeat) has run out, computed from the journal. */
    private static void awaitLeaseExpiry(Store store, String planId) throws InterruptedException {
        Instant lastBeat = store.runs().ofPlan(planId).stream().map(RunRecord::heartbeatAt).max(Instant::compareTo)
                .orElseThrow();
        long millis = Duration.between(Instant.now(), lastBeat.plusSeconds(2).plusMillis(200)).toMillis();
        if (millis > 0) {
            Thread.sleep(Math.min(millis, 5_000));
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code remediator apply PLAN --now} in a JVM of its own (as CrashRecoveryIT), output in NAME.log. */
    private Process applyNow(TestDatabases.Db db, String planId, String name) throws Exception {
        Path fleet = dir.resolve("fleet");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dremediator.runLeaseSeconds=2",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.ApplyBesideTheTestsFleet", fleet.resolve("fleet.yaml").toString(),
                "apply", planId, "--now",
                "--db", db.url(), "--db-user", db.user(),
                "--admins", fleet.resolve("admins.yaml").toString(),
                "--windows", fleet.resolve("windows.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("WSUS_LAB_PASSWORD", ApplyFleet.PASSWORD);
        builder.environment().put("REMEDIATOR_DB_PASSWORD", db.password());
        builder.environment().remove("REMEDIATOR_ADMIN_TOKEN");
        return builder.start();
    }
}
