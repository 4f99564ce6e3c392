package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.WindowsVersion;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;
import org.wsusremediator.window.ScheduleFile;

/**
 * Plan runs through real parts: the apply routes in a real Camel context, WinRM4J over HTTP to the simulator,
 * and the store on a real H2 file and on PostgreSQL. Each test plans a small fleet (a real scan), approves it
 * as another admin, and runs it.
 */
class ApplyRunIT {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    @interface OnEachDatabase {
    }

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private FleetSimulator simulator;
    private Store store;
    private Remediator remediator;
    private Inventory inventory;
    private Rollout rollout;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        cleanups.forEach(Runnable::run);
    }

    private void start(TestDatabases.Target db, ApplyFleet fleet) throws Exception {
        Path inventoryFile = fleet.write(dir.resolve("fleet"));
        simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet/fleet.yaml")), ApplyFleet.environment());
        open.add(simulator);
        store = db.create(dir, cleanups).open();
        open.add(store);
        inventory = InventoryReader.read(inventoryFile);
        rollout = ScheduleFile.read(dir.resolve("fleet/windows.yaml")).rollout();
        remediator = Remediator.start(new RunSettings(dir.resolve("reports"), rollout.concurrency(),
                ApplyFleet.environment(), store));
        open.add(remediator);
    }

    /** A real scan of the fleet, saved as alice's plan. */
    private Plan plan() {
        var scan = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofHours(1), Instant.now());
        store.savePlan(plan);
        return plan;
    }

    private void approve(Plan plan, String... hosts) {
        store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of(hosts), "change 4711", Instant.now()));
    }

    private RunReport apply(Plan plan, Instant deadline) {
        return remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout, "apply --now", "alice",
                deadline, Duration.ofSeconds(30), Map.of("outsideWindow", true))).report();
    }

    private static Map<String, HostState> states(RunReport report) {
        return report.hosts().stream().collect(Collectors.toMap(HostRun::host, HostRun::state));
    }

    private int installs(String host) {
        return simulator.host(host).installerRuns().size();
    }

    @OnEachDatabase
    void approvedHostsAreRemediatedAndUnapprovedOnesNeverTouched(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.1").sp1("a1", "east", null).sp1("a2", "west", null)
                .sp1("a3", "east", null).sp1("unapproved", "west", null).rtmUpgrade("rtm", "west"));
        Plan plan = plan();
        approve(plan, "a1", "a2", "a3", "rtm");
        long untouched = simulator.host("unapproved").requestCount();

        Remediator.RunResult result = remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout,
                "apply --now", "alice", null, Duration.ofSeconds(30), Map.of()));
        RunReport report = result.report();

        assertThat(states(report)).containsEntry("a1", HostState.REMEDIATED).containsEntry("a2", HostState.REMEDIATED)
                .containsEntry("a3", HostState.REMEDIATED).containsEntry("rtm", HostState.FLAGGED)
                .containsEntry("unapproved", HostState.NOT_APPROVED);
        assertThat(report.status()).isEqualTo("FINISHED");
        assertThat(simulator.host("unapproved").requestCount()).as("requests to the unapproved host").isEqualTo(untouched);
        assertThat(installs("unapproved")).isZero();
        assertThat(List.of("a1", "a2", "a3")).allSatisfy(h -> assertThat(installs(h)).isEqualTo(1));
        assertThat(report.hosts()).filteredOn(h -> h.host().equals("a1")).singleElement()
                .satisfies(h -> assertThat(h.irreversible()).isTrue());
        assertThat(report.approvals()).singleElement().satisfies(a -> assertThat(a.admin()).isEqualTo("bob"));

        // Journaled before and after each remote change, in this order (ACTED: the task ran, before it is deleted).
        assertThat(store.hostStates(plan.id()).stream().filter(r -> r.host().equals("a2")).map(HostStateRecord::state))
                .containsExactly("IN_FLIGHT", "ACTING", "ACTED", "REMEDIATED");
        assertThat(store.runs().ofPlan(plan.id())).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("FINISHED"));
        assertThat(store.verifyAudit().intact()).isTrue();
        assertThat(store.auditRecords()).extracting(r -> r.action()).contains("RUN_STARTED", "RUN_FINISHED");

        // The JSON and the self-contained HTML page, side by side.
        assertThat(result.reportFile()).exists();
        Path html = Path.of(result.reportFile().toString().replaceAll("\\.json$", ".html"));
        assertThat(Files.readString(html)).contains("bob", "a1", "REMEDIATED", "IRREVERSIBLE");
        assertThat(Files.readString(result.reportFile())).doesNotContain(ApplyFleet.PASSWORD);
        // Owner-only, whatever the umask (issue 8, item 15): a report names every host and its weaknesses.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.reportFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(List.of(result.reportFile(), html)).allSatisfy(f ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("%s", f).isEqualTo("rw-------"));

        // A second run finds every approved host settled: nothing is installed again.
        RunReport again = apply(plan, null);
        assertThat(states(again)).containsEntry("a1", HostState.REMEDIATED);
        assertThat(again.hosts()).filteredOn(h -> h.wave() != null).isEmpty();
        assertThat(List.of("a1", "a2", "a3")).allSatisfy(h -> assertThat(installs(h)).isEqualTo(1));
    }

    @OnEachDatabase
    void aHostWhoseFactsChangedSinceApprovalIsSkippedAsDrifted(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.2").sp1("steady", "east", null).sp1("drifts", "east", null));
        Plan plan = plan();
        approve(plan);
        // After the approval, someone patches the host by other means (a different build of the DLL).
        simulator.host("drifts").setClientWebServiceDllVersion(WindowsVersion.parse("3.1.6001.64"));

        RunReport report = apply(plan, null);

        assertThat(states(report)).containsEntry("drifts", HostState.DRIFTED).containsEntry("steady", HostState.REMEDIATED);
        assertThat(report.hosts()).filteredOn(h -> h.host().equals("drifts")).singleElement()
                .satisfies(h -> assertThat(h.reason()).contains("facts changed", "new plan"));
        assertThat(installs("drifts")).isZero();
    }

    /**
     * The inventory is edited after approval: another address, other installer arguments, another package hash.
     * Nobody approved those: the host is DRIFTED, naming what changed, and neither it nor the machine at the new
     * address is contacted; no installer runs.
     */
    @OnEachDatabase
    void settingsEditedAfterApprovalAreNeverActedOn(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.8").sp1("moved", "east", null).sp1("args", "east", null)
                .sp1("sha", "east", null).sp1("victim", "west", null));
        Path inventoryFile = dir.resolve("fleet/inventory.yaml");
        String original = Files.readString(inventoryFile);
        // 'victim' is another machine of the fleet that the inventory does not list.
        String victimLine = original.lines().filter(l -> l.contains("name: victim")).findFirst().orElseThrow();
        String victimAddress = victimLine.replaceAll(".*address: ([0-9.]+).*", "$1");
        String movedAddress = original.lines().filter(l -> l.contains("name: moved")).findFirst().orElseThrow()
                .replaceAll(".*address: ([0-9.]+).*", "$1");
        String base = original.replace(victimLine + "\n", "")
                .replace("  installTimeout: 8s\n", "  installTimeout: 8s\n  installerArguments: /quiet /norestart\n");
        edit(inventoryFile, base);
        long victimRequests = simulator.host("victim").requestCount();

        Plan movedPlan = plan();
        approve(movedPlan, "moved");
        edit(inventoryFile, base.replace("address: " + movedAddress + " ", "address: " + victimAddress + " "));
        assertDrifted(apply(movedPlan, null), "moved", "address '" + movedAddress + "' -> '" + victimAddress + "'");
        edit(inventoryFile, base);

        Plan argsPlan = plan();
        approve(argsPlan, "args");
        edit(inventoryFile, base.replace("installerArguments: /quiet /norestart", "installerArguments: /quiet /forcerestart"));
        assertDrifted(apply(argsPlan, null), "args", "installerArguments '/quiet /norestart' -> '/quiet /forcerestart'");
        edit(inventoryFile, base);

        Plan shaPlan = plan();
        approve(shaPlan, "sha");
        edit(inventoryFile, base.replace(ApplyFleet.X64_SHA256, "ab".repeat(32)));
        assertDrifted(apply(shaPlan, null), "sha", "package sha256 '" + ApplyFleet.X64_SHA256 + "' -> '" + "ab".repeat(32) + "'");

        assertThat(List.of("moved", "args", "sha", "victim")).allSatisfy(h -> assertThat(installs(h)).as(h).isZero());
        assertThat(simulator.host("victim").requestCount()).as("requests to the machine at the new address")
                .isEqualTo(victimRequests);
        assertThat(store.hostStates(shaPlan.id())).extracting(HostStateRecord::state).containsExactly("DRIFTED");
        assertThat(store.verifyAudit().intact()).isTrue();

        // A plan of the inventory as it now reads, approved, is acted on: the check stops only what was not approved.
        edit(inventoryFile, base);
        Plan current = plan();
        approve(current, "sha");
        assertThat(states(apply(current, null))).containsEntry("sha", HostState.REMEDIATED);
        assertThat(installs("sha")).isOne();
    }

    private void edit(Path inventoryFile, String content) throws Exception {
        Files.writeString(inventoryFile, content);
        inventory = InventoryReader.read(inventoryFile);
    }

    private void assertDrifted(RunReport report, String host, String change) {
        assertThat(report.hosts()).filteredOn(h -> h.host().equals(host)).singleElement().satisfies(h -> {
            assertThat(h.state()).isEqualTo(HostState.DRIFTED);
            assertThat(h.reason()).contains(change, "make a new plan");
            assertThat(h.wave()).as("never started").isNull();
        });
        assertThat(installs(host)).isZero();
    }

    /**
     * Two runs of one plan in one process (change windows whose firings overlap): the second is refused while the
     * first lives. On the embedded H2 file every RUNNING run used to count as dead (no other process can open the
     * file), so the second took the plan over and worked on the first run's hosts at the same time.
     */
    @OnEachDatabase
    void aSecondRunOfAPlanInTheSameProcessIsRefusedWhileTheFirstLives(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.16").latencyMs(40).sp1("o1", "east", null).sp1("o2", "east", null));
        Plan plan = plan();
        approve(plan);

        java.util.concurrent.CompletableFuture<RunReport> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> apply(plan, null));
        await("the first run is journaled").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .pollInSameThread().until(() -> !store.runs().ofPlan(plan.id()).isEmpty());
        // The caller (apply --now, a change window) says why in one line: Camel must not log it with a stack trace.
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> apply(plan, null)).hasMessageContaining("is being run by this process");
        } finally {
            System.setErr(stderr);
        }
        assertThat(logged.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("RunConflictException");

        RunReport report = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(states(report)).containsEntry("o1", HostState.REMEDIATED).containsEntry("o2", HostState.REMEDIATED);
        assertThat(List.of("o1", "o2")).allSatisfy(h -> assertThat(installs(h)).isOne());
        assertThat(store.runs().ofPlan(plan.id())).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("FINISHED"));
    }

    @OnEachDatabase
    void theWindowsEndDefersHostsNotYetStartedAndTheNextRunFinishesThem(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.3").latencyMs(20)
                .rollout("  canary: 1\n  waveSize: 1\n  minWaveSuccess: 100%\n  maxFailures: 50%\n  concurrency: 1\n")
                .sp1("first", "east", null).sp1("second", "east", null).sp1("third", "east", null));
        Plan plan = plan();
        approve(plan);

        // The window closes while the canary installs (an elevated install polls its task for 2 s).
        RunReport closing = apply(plan, Instant.now().plusMillis(500));

        assertThat(states(closing)).containsEntry("first", HostState.REMEDIATED)
                .containsEntry("second", HostState.DEFERRED).containsEntry("third", HostState.DEFERRED);
        assertThat(closing.status()).isEqualTo("WINDOW_CLOSED");
        assertThat(installs("second") + installs("third")).isZero();

        RunReport next = apply(plan, null);
        assertThat(states(next)).containsEntry("second", HostState.REMEDIATED).containsEntry("third", HostState.REMEDIATED);
        assertThat(List.of("first", "second", "third")).allSatisfy(h -> assertThat(installs(h)).isEqualTo(1));
    }

    @OnEachDatabase
    void aFailingCanaryAbortsTheRestWithTheReason(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.4")
                .sp1("canary-1603", "east", "installerExit1603").sp1("b1", "east", null).sp1("b2", "west", null)
                .sp1("b3", "west", null));
        Plan plan = plan();
        approve(plan);

        RunReport report = apply(plan, null);

        assertThat(states(report)).containsEntry("canary-1603", HostState.FAILED)
                .containsEntry("b1", HostState.ABORTED).containsEntry("b2", HostState.ABORTED)
                .containsEntry("b3", HostState.ABORTED);
        assertThat(report.status()).isEqualTo("ABORTED");
        assertThat(report.abortReason()).contains("1 of 1 hosts failed", "maxFailures 50%");
        assertThat(List.of("b1", "b2", "b3")).allSatisfy(h -> assertThat(installs(h)).isZero());
        // ABORTED is final for the plan: a later run starts none of them.
        RunReport later = apply(plan, null);
        assertThat(later.hosts()).filteredOn(h -> h.wave() != null).isEmpty();
    }

    @OnEachDatabase
    void aWaveBelowItsSuccessRateStopsTheNextWaves(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.5")
                .rollout("  canary: 2\n  waveSize: 2\n  minWaveSuccess: 100%\n  maxFailures: 100%\n  concurrency: 2\n")
                .sp1("c1", "east", null).sp1("c2-1603", "east", "installerExit1603")
                .sp1("d1", "east", null).sp1("d2", "east", null));
        Plan plan = plan();
        approve(plan);

        RunReport report = apply(plan, null);

        assertThat(report.abortReason()).contains("wave 1 succeeded on 1 of 2 hosts", "minWaveSuccess 100%");
        assertThat(states(report)).containsEntry("c1", HostState.REMEDIATED).containsEntry("d1", HostState.ABORTED)
                .containsEntry("d2", HostState.ABORTED);
    }

    @OnEachDatabase
    void perGroupConcurrencyIsNeverExceeded(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.6").latencyMs(10)
                .rollout("  canary: 0\n  waveSize: 100%\n  minWaveSuccess: 0%\n  maxFailures: 100%\n  concurrency: 4\n  perGroup: 1\n")
                .sp1("e1", "east", null).sp1("e2", "east", null).sp1("e3", "east", null)
                .sp1("w1", "west", null).sp1("w2", "west", null));
        Plan plan = plan();
        approve(plan);

        RunReport report = apply(plan, null);

        assertThat(states(report).values()).as("%s", report.hosts()).containsOnly(HostState.REMEDIATED);
        for (String group : List.of("east", "west")) {
            List<HostRun> runs = report.hosts().stream().filter(h -> group.equals(h.group())).toList();
            for (HostRun a : runs) {
                for (HostRun b : runs) {
                    if (a != b) {
                        boolean overlap = a.startedAt().isBefore(b.finishedAt()) && b.startedAt().isBefore(a.finishedAt());
                        assertThat(overlap).as("%s and %s of %s at once", a.host(), b.host(), group).isFalse();
                    }
                }
            }
        }
        // ... while the run as a whole did work on hosts of both groups at once (with concurrency 1 it could not).
        boolean acrossGroups = report.hosts().stream().anyMatch(a -> report.hosts().stream().anyMatch(b ->
                !a.group().equals(b.group()) && a.startedAt().isBefore(b.finishedAt()) && b.startedAt().isBefore(a.finishedAt())));
        assertThat(acrossGroups).as("hosts of east and west worked on at once: %s", report.hosts()).isTrue();
    }

    @OnEachDatabase
    void anExpiredPlanRunsNothing(TestDatabases.Target db) throws Exception {
        start(db, new ApplyFleet("127.55.7").sp1("f1", "east", null));
        var scan = remediator.scan(inventory, ScanProgress.silent(1));
        Plan expired = PlanMaker.from(scan.report(), inventory.remediation(), "alice", Duration.ofMillis(1), Instant.now().minusSeconds(60));
        store.savePlan(expired);
        long before = simulator.host("f1").requestCount();

        assertThatThrownBy(() -> apply(expired, null)).hasMessageContaining("expired");
        assertThat(simulator.host("f1").requestCount()).isEqualTo(before);
        assertThat(store.runs().ofPlan(expired.id())).isEmpty();
    }
}
