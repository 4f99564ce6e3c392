package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.probe.Version;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHost;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;

/**
 * A run is killed (SIGKILL, a real separate process) while installers are running, then started again: every
 * approved host must end in a state its facts prove, none may get a second install, none may be lost. The
 * simulated fleet lives in this test's process, so the hosts keep what the killed run did to them.
 */
class CrashRecoveryIT {

    private static final Version FIXED = Version.parse("3.1.6001.66");
    private static final List<String> HOSTS = List.of("k1", "k2", "k3", "k4", "k5", "k6");

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private FleetSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        // Last added first: a run's process is stopped (and gone) before its database schema is dropped, which
        // otherwise deadlocked on PostgreSQL with the run still writing.
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).run();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRunKilledMidInstallIsFinishedByTheNextWithNoSecondInstall(TestDatabases.Target target) throws Exception {
        ApplyFleet fleet = new ApplyFleet("127.55.9").latencyMs(60)
                .rollout(oneWave(2));
        HOSTS.forEach(h -> fleet.sp1(h, "east", null));
        TestDatabases.Db db = target.create(dir, cleanups);
        String planId = startAndPlan(fleet, db, HOSTS.size());

        Process first = applyNow(db, planId, "first");
        awaitFirstInstaller(first);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int startedBeforeKill = (int) HOSTS.stream().filter(h -> !host(h).installerRuns().isEmpty()).count();
        assertThat(startedBeforeKill).as("the kill came in the middle of the run").isBetween(1, HOSTS.size() - 1);

        Thread.sleep(2_500); // the killed run's lease (2 s) runs out: only then may another process take the plan over
        Process second = applyNow(db, planId, "second");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the restarted run finishes").isTrue();
        assertThat(second.exitValue()).as(() -> log("second")).isIn(0, 3);

        try (Store store = db.open()) {
            Map<String, String> states = store.latestHostStates(planId);
            for (String h : HOSTS) {
                SimulatedHost host = host(h);
                // Each host can tell what the killed run did (its installer's task): none stays UNKNOWN, none
                // gets a second install.
                assertThat(host.installerRuns()).as("installer runs on %s", h).hasSize(1);
                assertThat(states).as("state of %s", h).containsEntry(h, "REMEDIATED");
                assertThat(host.clientWebServiceDllVersion()).hasValueSatisfying(v -> assertThat(Version.parse(v.toString()).isAtLeast(FIXED)).isTrue());
                assertThat(host.scheduledTasks()).as("tasks left on %s", h).isEmpty();
            }
            assertThat(store.hostStates(planId)).extracting(HostStateRecord::detail)
                    .anySatisfy(d -> assertThat(d).contains("interrupted run"));
            assertThat(store.runs().ofPlan(planId)).extracting(RunRecord::status).containsExactly("INTERRUPTED", "FINISHED");
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    /**
     * The run is killed after ACTING was journaled and the installer's task created, before the task was run:
     * the host's task says the installer never started. The next run deletes that task and installs, once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRunKilledBeforeTheInstallerStartedIsFinishedByTheNextWithOneInstall(TestDatabases.Target target) throws Exception {
        killedBeforeTheInstaller(target, "127.55.14", false);
    }

    /** As above, killed before the task was even created (the host has no task): the next run installs, once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRunKilledBeforeItsTaskExistedIsFinishedByTheNextWithOneInstall(TestDatabases.Target target) throws Exception {
        killedBeforeTheInstaller(target, "127.55.15", true);
    }

    private void killedBeforeTheInstaller(TestDatabases.Target target, String subnet, boolean taskNeverCreated)
            throws Exception {
        // Slow replies: between the task's creation and its /run there are several round trips to kill in.
        ApplyFleet fleet = new ApplyFleet(subnet).latencyMs(300)
                .rollout(oneWave(1))
                .sp1("n1", "east", null);
        TestDatabases.Db db = target.create(dir, cleanups);
        String planId = startAndPlan(fleet, db, 1);
        SimulatedHost n1 = host("n1");

        Process first = applyNow(db, planId, "first");
        // the installer's task, not the copy task that staged the package before it (PackageStager)
        whileGoing(first, "first").alias("the first run creates its task")
                .until(() -> n1.scheduledTasks().containsKey("WsusRemediator-KB954960-" + planId));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String task = "WsusRemediator-KB954960-" + planId;
        assertThat(n1.scheduledTasks()).as("the kill came between the task's creation and its start")
                .containsOnlyKeys(task).allSatisfy((name, t) -> assertThat(t.runCount()).isZero());
        assertThat(n1.installerRuns()).isEmpty();
        if (taskNeverCreated) {
            n1.removeScheduledTask(task); // as if the process had died just after journaling ACTING
        }
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).as("journaled before the kill").containsEntry("n1", "ACTING");
            awaitLeaseExpiry(store, planId);
        }

        Process second = applyNow(db, planId, "second");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the restarted run finishes").isTrue();
        assertThat(second.exitValue()).as(() -> log("second")).isZero();

        assertThat(n1.installerRuns()).as("installer runs").hasSize(1);
        assertThat(n1.scheduledTasks()).as("tasks left").isEmpty();
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).containsEntry("n1", "REMEDIATED");
            assertThat(store.hostStates(planId)).extracting(HostStateRecord::state).doesNotContain("UNKNOWN");
            assertThat(store.hostStates(planId)).filteredOn(r -> r.state().equals("REMEDIATED")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains("never started the installer",
                            taskNeverCreated ? "absent" : "never run, deleted"));
            assertThat(store.runs().ofPlan(planId)).extracting(RunRecord::status).containsExactly("INTERRUPTED", "FINISHED");
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    /**
     * Killed right after the installer's task was created: the task is left on the host, and nothing but the next
     * run may start it. Later that night the host's Task Scheduler must not start the installer by itself (the task
     * was created with /sc once /st 23:59 and did), and the next run leaves no task behind.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aTaskLeftByAKilledRunNeverStartsByItselfAndTheNextRunLeavesNone(TestDatabases.Target target) throws Exception {
        ApplyFleet fleet = new ApplyFleet("127.55.16").latencyMs(300)
                .rollout(oneWave(1))
                .sp1("t1", "east", null);
        TestDatabases.Db db = target.create(dir, cleanups);
        String planId = startAndPlan(fleet, db, 1);
        SimulatedHost t1 = host("t1");

        Process first = applyNow(db, planId, "first");
        whileGoing(first, "first").alias("the first run creates its task")
                .until(() -> t1.scheduledTasks().containsKey("WsusRemediator-KB954960-" + planId));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(t1.scheduledTasks()).as("the kill came before the task was started").hasSize(1)
                .allSatisfy((name, t) -> assertThat(t.runCount()).isZero());

        t1.advanceClock(Duration.ofHours(25)); // the night passes before anyone runs the plan again
        assertThat(t1.installerRuns()).as("installer runs started by the host's Task Scheduler on its own").isEmpty();

        // Tasks of other plans' killed runs: one an older version left armed (trigger tomorrow 23:59, never ran),
        // one that ran (its plan's recovery still needs its exit code).
        String tomorrow = t1.now().plusDays(1).toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy"));
        String installer = "\\\"C:\\Windows\\Temp\\wsus-remediator\\WSUS3.0SP1-KB954960-x64.exe\\\" /quiet /norestart";
        assertThat(t1.runCommand("LAB\\wsus-admin", "schtasks /create /tn \"WsusRemediator-KB954960-armed\" /tr \""
                + installer + "\" /sc once /sd " + tomorrow + " /st 23:59 /ru SYSTEM /rl HIGHEST /f").exitCode()).isZero();
        assertThat(t1.runCommand("LAB\\wsus-admin", "schtasks /create /tn \"WsusRemediator-KB954960-ran\" /tr \"echo ran\""
                + " /sc once /st 00:00 /ru SYSTEM /f & schtasks /run /tn \"WsusRemediator-KB954960-ran\"").exitCode()).isZero();

        try (Store store = db.open()) {
            awaitLeaseExpiry(store, planId);
        }
        Process second = applyNow(db, planId, "second");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the restarted run finishes").isTrue();
        assertThat(second.exitValue()).as(() -> log("second")).isZero();
        t1.advanceClock(Duration.ofDays(3));
        assertThat(t1.installerRuns()).as("installer runs").hasSize(1);
        assertThat(t1.scheduledTasks()).as("tasks left: only the one that ran, for its own plan's recovery")
                .containsOnlyKeys("WsusRemediator-KB954960-ran");
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).containsEntry("t1", "REMEDIATED");
            assertThat(store.hostStates(planId)).filteredOn(r -> r.state().equals("REMEDIATED")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains(
                            "deleted task(s) of other runs that never ran: WsusRemediator-KB954960-armed",
                            "task(s) of other runs remain: WsusRemediator-KB954960-ran"));
        }
    }

    /**
     * A host whose installer exited 3010 (installed, reboot required), the run killed after it journaled ACTED and
     * deleted the task, while verifying: the next run must keep the reboot requirement (the host's pending-reboot
     * flags say it), not call the host REMEDIATED from its DLL alone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRebootRequiredHostKilledAfterItsInstallerStaysRebootRequired(TestDatabases.Target target) throws Exception {
        killedAfterA3010Install(target, "127.55.17", false);
    }

    /**
     * As above, killed after ACTED but before the task was deleted, and the pending-reboot flags cleared meanwhile:
     * the task's Last Result (3010) alone must keep the reboot requirement; the task is deleted then.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aTaskLeftAfterA3010InstallGivesItsExitCodeToTheNextRun(TestDatabases.Target target) throws Exception {
        killedAfterA3010Install(target, "127.55.18", true);
    }

    private void killedAfterA3010Install(TestDatabases.Target target, String subnet, boolean taskLeft) throws Exception {
        ApplyFleet fleet = new ApplyFleet(subnet).latencyMs(300)
                .rollout(oneWave(1))
                .sp1("r1", "east", "installerExit3010");
        TestDatabases.Db db = target.create(dir, cleanups);
        String planId = startAndPlan(fleet, db, 1);
        SimulatedHost r1 = host("r1");

        Process first = applyNow(db, planId, "first");
        // The task is deleted only after ACTED was journaled; then the run re-probes (slow replies): kill it there.
        whileGoing(first, "first").alias("the installer ran and the first run deleted its task")
                .until(() -> !r1.installerRuns().isEmpty() && r1.scheduledTasks().isEmpty());
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(r1.installerRuns()).singleElement().satisfies(run -> assertThat(run.exitCode()).isEqualTo(3010));
        if (taskLeft) {
            // As if the kill had come between ACTED and the task's deletion (the task keeps Last Result 3010), on a
            // host whose reboot flags are gone: only the task can tell.
            String task = "WsusRemediator-KB954960-" + planId;
            assertThat(r1.runCommand("LAB\\wsus-admin", "schtasks /create /tn \"" + task + "\" /tr \"exit 3010\" /sc once"
                    + " /st 00:00 /ru SYSTEM /rl HIGHEST /f & schtasks /run /tn \"" + task + "\"").exitCode()).isZero();
            r1.registry().deleteKey("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired");
            r1.registry().deleteKey("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager");
            assertThat(r1.rebootPending()).isFalse();
            assertThat(r1.scheduledTasks().get(task).runCount()).isEqualTo(1);
            // The simulator shows a task Running to the first query after /run (a caller must poll): spend it here.
            assertThat(r1.runCommand("LAB\\wsus-admin", "schtasks /query /tn \"" + task + "\" /fo csv /v").exitCode()).isZero();
        } else {
            assertThat(r1.rebootPending()).as("the 3010 installer left the pending-reboot flags").isTrue();
        }
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).as("killed after ACTED, before the outcome").containsEntry("r1", "ACTED");
            awaitLeaseExpiry(store, planId);
        }

        Process second = applyNow(db, planId, "second");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the restarted run finishes").isTrue();
        assertThat(second.exitValue()).as(() -> log("second")).isIn(0, 3);
        assertThat(r1.installerRuns()).as("installer runs").hasSize(1);
        assertThat(r1.scheduledTasks()).as("tasks left").isEmpty();
        try (Store store = db.open()) {
            assertThat(store.latestHostStates(planId)).containsEntry("r1", "REBOOT_REQUIRED");
            assertThat(store.hostStates(planId)).filteredOn(r -> r.state().equals("REBOOT_REQUIRED")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains(taskLeft ? "read and deleted now" : "interrupted run",
                            taskLeft ? "3010" : "reboot is pending"));
        }
    }

    /**
     * Issue 9 item 1: a run stopped (SIGSTOP, as Ctrl-Z does) for longer than its lease, then resumed (SIGCONT).
     * On PostgreSQL a second run takes the plan over meanwhile; the resumed run must act on nothing more (every
     * state write and remote change proves it still owns the plan) and end SUPERSEDED, audited: no host gets a
     * second install. On the embedded H2 file the stopped process still holds the file, so the second run is
     * refused (exit 5) and the resumed run finishes the plan alone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRunPausedPastItsLeaseActsOnNothingMoreOnceResumed(TestDatabases.Target target) throws Exception {
        List<String> hosts = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
        ApplyFleet fleet = new ApplyFleet("127.55.19").latencyMs(80)
                .rollout(oneWave(2));
        hosts.forEach(h -> fleet.sp1(h, "east", null));
        TestDatabases.Db db = target.create(dir, cleanups);
        String planId = startAndPlan(fleet, db, hosts.size());

        Process first = applyNow(db, planId, "first");
        cleanups.add(() -> {
            first.destroyForcibly();
            try {
                first.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }); // SIGKILL ends a stopped process too
        whileGoing(first, "first").alias("the first run starts an installer")
                .until(() -> hosts.stream().anyMatch(h -> !host(h).installerRuns().isEmpty()));
        signal(first, "STOP");
        Thread.sleep(3_000); // past the stopped run's lease (2 s after its last heartbeat, which came before the stop)

        Process second = applyNow(db, planId, "second");
        if (db.kind().equals("h2")) {
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second run gives up at once").isTrue();
            assertThat(second.exitValue()).as(() -> log("second")).isEqualTo(5);
            assertThat(log("second")).contains("another process").doesNotContain("\tat ");
            signal(first, "CONT");
            assertThat(first.waitFor(180, TimeUnit.SECONDS)).as("the resumed run finishes").isTrue();
            assertThat(first.exitValue()).as(() -> log("first")).isIn(0, 3);
        } else {
            // Resume the first run as soon as the second has taken the plan over: both then work at once.
            try (Store store = db.open()) {
                // The second run's row is written in the transaction that marks the first INTERRUPTED.
                whileGoing(second, "second").alias("the second run takes the plan over").atMost(Duration.ofSeconds(60))
                        .until(() -> store.runs().ofPlan(planId).size() >= 2);
            }
            signal(first, "CONT");
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the second run finishes").isTrue();
            assertThat(second.exitValue()).as(() -> log("second")).isIn(0, 3);
            assertThat(first.waitFor(180, TimeUnit.SECONDS)).as("the resumed run stops").isTrue();
        }

        simulator.hosts().forEach(h -> h.advanceClock(Duration.ofDays(2)));
        try (Store store = db.open()) {
            Map<String, String> states = store.latestHostStates(planId);
            for (String h : hosts) {
                String why = "state of " + h + "; first run:\n" + log("first") + "\nsecond run:\n" + log("second")
                        + "\njournal:\n" + store.hostStates(planId);
                // Never a second install, not even after two days of the host's clock (no task of ours fires).
                assertThat(host(h).installerRuns()).as("installer runs on %s", h).hasSizeLessThanOrEqualTo(1);
                // A host whose visit was cut by the stop (a reply timed out while the process was stopped) may end
                // UNKNOWN (the change may have started) or FAILED (it had not): never repeated, for a new plan.
                assertThat(states.get(h)).as(why).isIn("REMEDIATED", "UNKNOWN", "FAILED");
                if (states.get(h).equals("REMEDIATED")) {
                    assertThat(host(h).installerRuns()).as("installer runs on %s", h).hasSize(1);
                    assertThat(host(h).scheduledTasks()).as("tasks left on %s", h).isEmpty();
                    assertThat(host(h).clientWebServiceDllVersion()).hasValueSatisfying(
                            v -> assertThat(Version.parse(v.toString()).isAtLeast(FIXED)).isTrue());
                } else {
                    assertThat(store.hostStates(planId)).filteredOn(r -> r.host().equals(h)).last()
                            .satisfies(r -> assertThat(r.detail()).as(why).contains("timed out"));
                }
            }
            assertThat(states).as("hosts not cut by the stop").containsValue("REMEDIATED");
            assertThat(store.runs().ofPlan(planId)).as(() -> "first run:\n" + log("first")).extracting(RunRecord::status).containsExactly(
                    db.kind().equals("h2") ? new String[] {"FINISHED"} : new String[] {"SUPERSEDED", "FINISHED"});
            if (!db.kind().equals("h2")) {
                assertThat(store.auditRecords()).extracting(r -> r.action()).contains("RUN_INTERRUPTED", "RUN_SUPERSEDED");
            }
            assertThat(store.verifyAudit().intact()).isTrue();
        }
        if (!db.kind().equals("h2")) {
            assertThat(first.exitValue()).as(() -> log("first")).isEqualTo(5);
            assertThat(log("first")).contains("SUPERSEDED").doesNotContain("\tat ");
        }
    }

    /**
     * Issue 9, "Also" 2: a second apply while a live process runs the plan is refused with exit 5 in one line, with no
     * stack trace; on PostgreSQL the line says when the running process's lease runs out (on the embedded H2 file,
     * that another process holds the store). It printed some 60 lines of stack trace, and no time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aSecondApplyWhileARunLivesIsRefusedInOneLineSayingWhenItsLeaseRunsOut(TestDatabases.Target target)
            throws Exception {
        ApplyFleet fleet = new ApplyFleet("127.55.20").latencyMs(300)
                .rollout(oneWave(1))
                .sp1("c1", "east", null).sp1("c2", "east", null);
        TestDatabases.Db db = target.create(dir, cleanups);
        String planId = startAndPlan(fleet, db, 2);

        Process first = applyNow(db, planId, "first", 30);
        cleanups.add(() -> {
            first.destroyForcibly();
            try {
                first.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        whileGoing(first, "first").alias("the first run reaches its first host (a task or an installer on c1)")
                .until(() -> !host("c1").scheduledTasks().isEmpty() || !host("c1").installerRuns().isEmpty());
        Instant asked = Instant.now();
        Process second = applyNow(db, planId, "second", 30);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = log("second");
        assertThat(second.exitValue()).as(said).isEqualTo(5);
        assertThat(said).doesNotContain("\tat ").doesNotContain("ERROR").doesNotContain("Exception");
        List<String> refusals = said.lines().filter(l -> l.startsWith("remediator: refused: ")).toList();
        assertThat(refusals).as(said).hasSize(1);
        if (db.kind().equals("h2")) {
            assertThat(refusals.get(0)).contains("another process holds the store");
        } else {
            assertThat(refusals.get(0)).contains("plan " + planId + " is being run by another process", "its lease runs out at ");
            Instant expiry = Instant.parse(refusals.get(0).replaceAll(".*its lease runs out at (\\S+?):? .*", "$1"));
            assertThat(expiry).isBetween(asked.minusSeconds(1), Instant.now().plusSeconds(31));
        }
        assertThat(first.isAlive()).as("the first run goes on").isTrue();
    }

    private static void signal(Process process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("kill -" + signal + " failed", e);
        }
    }

    /** One wave of every host, no failure budget, {@code concurrency} hosts at once. */
    private static String oneWave(int concurrency) {
        return "  canary: 0\n  waveSize: 100%\n  minWaveSuccess: 0%\n  maxFailures: 100%\n  concurrency: " + concurrency + "\n";
    }

    /** Writes the fleet, starts its simulator, scans it and saves alice's plan and bob's approval; returns the plan's id. */
    private String startAndPlan(ApplyFleet fleet, TestDatabases.Db db, int hosts) throws Exception {
        Path inventoryFile = fleet.write(dir.resolve("fleet"));
        simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet/fleet.yaml")), ApplyFleet.environment());
        try (Store store = db.open();
             Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 4, ApplyFleet.environment()))) {
            Inventory inventory = InventoryReader.read(inventoryFile);
            var scan = remediator.scan(inventory, ScanProgress.silent(hosts));
            Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
            store.savePlan(plan);
            store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of(), "change 4711", Instant.now()));
            return plan.id();
        }
    }

    /**
     * Waits until the killed run's lease (2 s after its last heartbeat) has run out: only then may another process
     * take the plan over. The wait is computed from the journal, not guessed.
     */
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

    private SimulatedHost host(String name) {
        return simulator.host(name);
    }

    private void awaitFirstInstaller(Process run) {
        whileGoing(run, "first").alias("the first run starts its first installer")
                .until(() -> HOSTS.stream().anyMatch(h -> !host(h).installerRuns().isEmpty()));
    }

    /**
     * A wait (at most 90 s, polled every 10 ms in the test's thread, so that a kill lands just after what it awaits)
     * that fails at once, with the run's output, when the run {@code name} ends first.
     */
    private ConditionFactory whileGoing(Process run, String name) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                .failFast("the " + name + " run ended first", () -> assertThat(run.isAlive())
                        .as(() -> "the " + name + " run is going:\n" + log(name)).isTrue());
    }

    /** {@code remediator apply PLAN --now} in a JVM of its own, output in NAME.log. */
    private Process applyNow(TestDatabases.Db db, String planId, String name) throws Exception {
        return applyNow(db, planId, name, 2);
    }

    /** As above, with a lease of {@code leaseSeconds}. */
    private Process applyNow(TestDatabases.Db db, String planId, String name, int leaseSeconds) throws Exception {
        Path fleet = dir.resolve("fleet");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dremediator.runLeaseSeconds=" + leaseSeconds,
                // The real class path: surefire's java.class.path may be a manifest-only jar, through which Camel's
                // route scan finds routes/ twice.
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                // the fleet runs in this JVM, the run in its own: told so in Java (local mode is for simulated fleets)
                "org.wsusremediator.cli.ApplyBesideTheTestsFleet", fleet.resolve("fleet.yaml").toString(),
                "apply", planId, "--now",
                "--db", db.url(), "--db-user", db.user(),
                "--admins", fleet.resolve("admins.yaml").toString(),
                "--windows", fleet.resolve("windows.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString()));
        // Run in the test's folder: an empty class path entry would otherwise put the repo's routes/ on the class
        // path a second time.
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
