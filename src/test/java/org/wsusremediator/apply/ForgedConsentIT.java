package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.wsusremediator.consent.Identity;
import org.wsusremediator.consent.OsUser;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;
import org.wsusremediator.window.ScheduleFile;

/**
 * Issue 12, "tried as an attacker would": whoever can write the database (but not read the server key nor write
 * the anchor file) inserts, edits or deletes rows, and a real run against a simulated fleet (127.67.x) must act on
 * nothing: each host NOT_APPROVED with the reason, the refusal audited, no request reaching the hosts, nothing
 * installed. The honest path, through the same store and run, still installs. H2 and PostgreSQL.
 */
class ForgedConsentIT {

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
    private TestDatabases.Db db;
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

    private void start(TestDatabases.Target target, String subnet) throws Exception {
        start(target, new ApplyFleet(subnet));
    }

    private void start(TestDatabases.Target target, ApplyFleet fleet) throws Exception {
        Path inventoryFile = fleet.sp1("a1", "east", null).sp1("a2", "west", null).write(dir.resolve("fleet"));
        simulator = FleetSimulator.start(FleetFile.load(dir.resolve("fleet/fleet.yaml")), ApplyFleet.environment());
        open.add(simulator);
        db = target.create(dir, cleanups);
        store = db.open();
        open.add(store);
        inventory = InventoryReader.read(inventoryFile);
        rollout = ScheduleFile.read(dir.resolve("fleet/windows.yaml")).rollout();
        remediator = Remediator.start(new RunSettings(dir.resolve("reports"), rollout.concurrency(),
                ApplyFleet.environment(), store));
        open.add(remediator);
    }

    private Plan plan(Duration validity) {
        var scan = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
        Plan plan = PlanMaker.from(scan.report(), inventory.remediation(), "alice", validity, Instant.now());
        store.savePlan(plan);
        return plan;
    }

    private void decide(Plan plan, Decision decision, String... hosts) {
        store.recordApproval(new Approval(plan.id(), "bob", decision, List.of(hosts), "change 4711", Instant.now()));
    }

    /** A run as apply --now starts it, of the plan as the store has it now. */
    private RunReport apply(String planId) {
        Plan plan = store.plan(planId).orElseThrow();
        return remediator.apply(new ApplyRequest(plan, inventory, ApplyFleet.admins(inventory), rollout, "apply --now",
                "alice", null, Duration.ofSeconds(30), Map.of("outsideWindow", true))).report();
    }

    private void sql(String statement, Object... values) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private Map<String, Long> requests() {
        return List.of("a1", "a2").stream().collect(Collectors.toMap(h -> h, h -> simulator.host(h).requestCount()));
    }

    private static Map<String, HostState> states(RunReport report) {
        return report.hosts().stream().collect(Collectors.toMap(HostRun::host, HostRun::state));
    }

    /** Nothing reached the hosts, nothing was installed, both hosts NOT_APPROVED naming why, and the refusal audited. */
    private void refused(RunReport report, Map<String, Long> before, String why) {
        assertThat(states(report)).as(report.hosts().toString())
                .containsEntry("a1", HostState.NOT_APPROVED).containsEntry("a2", HostState.NOT_APPROVED);
        assertThat(report.hosts()).allSatisfy(h -> assertThat(h.reason()).contains(why));
        assertThat(requests()).as("requests to the hosts").isEqualTo(before);
        assertThat(simulator.host("a1").installerRuns()).isEmpty();
        assertThat(simulator.host("a2").installerRuns()).isEmpty();
        assertThat(store.auditRecords()).extracting(AuditRecord::action).contains("CONSENT_REFUSED");
        assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("HOST_STATE"))
                .anySatisfy(r -> assertThat(r.details()).contains("NOT_APPROVED", why));
    }

    @OnEachDatabase
    void theHonestPathStillInstalls(TestDatabases.Target target) throws Exception {
        start(target, "127.67.1");
        Plan plan = plan(Duration.ofHours(1));
        decide(plan, Decision.APPROVE);

        RunReport report = apply(plan.id());

        assertThat(states(report)).containsEntry("a1", HostState.REMEDIATED).containsEntry("a2", HostState.REMEDIATED);
        assertThat(simulator.host("a1").installerRuns()).hasSize(1);
        assertThat(store.verifyAudit().intact()).isTrue();
        assertThat(store.auditRecords()).extracting(AuditRecord::action).doesNotContain("CONSENT_REFUSED");
    }

    @OnEachDatabase
    void anApprovalRowInsertedInTheDatabaseIsNeverActedOn(TestDatabases.Target target) throws Exception {
        start(target, "127.67.2");
        Plan plan = plan(Duration.ofHours(1));
        Map<String, Long> before = requests();

        sql("INSERT INTO approvals (plan_id, admin, decision, hosts, reason, decided_at) VALUES (?, 'bob', 'APPROVE',"
                + " '[]', 'forged', ?)", plan.id(), Instant.now().atOffset(ZoneOffset.UTC));

        refused(apply(plan.id()), before, "not sealed");
    }

    @OnEachDatabase
    void aRejectionDeletedFromTheDatabaseStillRejects(TestDatabases.Target target) throws Exception {
        start(target, "127.67.3");
        Plan plan = plan(Duration.ofHours(1));
        decide(plan, Decision.APPROVE);
        decide(plan, Decision.REJECT, "a2");
        Map<String, Long> before = requests();

        sql("DELETE FROM approvals WHERE plan_id = ? AND decision = 'REJECT'", plan.id());

        refused(apply(plan.id()), before, "missing from the approvals table");
    }

    @OnEachDatabase
    void anExpiryMovedInTheDatabaseIsNoticed(TestDatabases.Target target) throws Exception {
        start(target, "127.67.4");
        Plan plan = plan(Duration.ofSeconds(3));
        decide(plan, Decision.APPROVE);
        Thread.sleep(Duration.between(Instant.now(), plan.expiresAt()).toMillis() + 100);
        Map<String, Long> before = requests();

        sql("UPDATE plans SET expires_at = ? WHERE id = ?", Instant.now().plusSeconds(3600).atOffset(ZoneOffset.UTC),
                plan.id());

        refused(apply(plan.id()), before, "not what was sealed");
    }

    @OnEachDatabase
    void anApprovalWidenedInTheDatabaseIsNeverActedOn(TestDatabases.Target target) throws Exception {
        start(target, "127.67.5");
        Plan plan = plan(Duration.ofHours(1));
        decide(plan, Decision.APPROVE, "a1");
        Map<String, Long> before = requests();

        sql("UPDATE approvals SET hosts = '[]' WHERE plan_id = ?", plan.id());

        refused(apply(plan.id()), before, "does not verify with the server key");
    }

    @OnEachDatabase
    void aCutAuditTailWithItsHeadResetIsNoticed(TestDatabases.Target target) throws Exception {
        start(target, "127.67.6");
        Plan plan = plan(Duration.ofHours(1));
        decide(plan, Decision.APPROVE);
        long beforeRejection = store.auditHead().seq();
        String hashBefore = store.auditHead().hash();
        decide(plan, Decision.REJECT, "a2");
        Map<String, Long> before = requests();

        // The rejection removed everywhere the database has it, the audit head made to match: a consistent database.
        sql("DELETE FROM approvals WHERE plan_id = ? AND decision = 'REJECT'", plan.id());
        sql("DELETE FROM audit_log WHERE seq > ?", beforeRejection);
        sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", beforeRejection, hashBefore);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT 1"); // the database says nothing is wrong: only the anchor outside it can
        }

        refused(apply(plan.id()), before, "the audit trail does not verify");
    }

    @OnEachDatabase
    void anApprovalMadeWithAnotherAdminFileDoesNotCountForTheRun(TestDatabases.Target target) throws Exception {
        start(target, "127.67.7");
        Plan plan = plan(Duration.ofHours(1));
        // As 'approve --admins mine.yaml' records it when mine.yaml maps alice's OS user to bob: sealed, but made as
        // the OS user the run's own admin file maps to alice.
        store.recordApproval(new Approval(plan.id(), "bob", Decision.APPROVE, List.of(), "mine", Instant.now()),
                Identity.osUser(OsUser.current()));
        Map<String, Long> before = requests();

        RunReport report = apply(plan.id());

        assertThat(states(report)).containsEntry("a1", HostState.NOT_APPROVED).containsEntry("a2", HostState.NOT_APPROVED);
        assertThat(report.hosts()).allSatisfy(h -> assertThat(h.reason())
                .contains("made as OS user " + OsUser.current() + ", whom the run's admin directory maps to alice, not bob"));
        assertThat(requests()).isEqualTo(before);
        assertThat(simulator.host("a1").installerRuns()).isEmpty();
        assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("CONSENT_REFUSED")).singleElement()
                .satisfies(r -> assertThat(r.details()).contains("maps to alice, not bob"));
    }

    /** The consent is checked again right before each change: a rejection recorded while the run lasts stops the host. */
    @OnEachDatabase
    void aRejectionRecordedDuringTheRunStopsTheHostBeforeItsChange(TestDatabases.Target target) throws Exception {
        start(target, new ApplyFleet("127.67.8").latencyMs(150));
        Plan plan = plan(Duration.ofHours(1));
        decide(plan, Decision.APPROVE);

        java.util.concurrent.CompletableFuture<RunReport> run =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> apply(plan.id()));
        // The canary wave (one host) changes its host; the other waits for the next wave, and is rejected meanwhile.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> store.hostStates(plan.id()).stream()
                .anyMatch(r -> r.state().equals("ACTING")));
        String canary = store.hostStates(plan.id()).stream().filter(r -> r.state().equals("ACTING")).findFirst()
                .orElseThrow().host();
        String other = canary.equals("a1") ? "a2" : "a1";
        decide(plan, Decision.REJECT, other);
        RunReport report = run.get(120, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(states(report)).containsEntry(canary, HostState.REMEDIATED).containsEntry(other, HostState.NOT_APPROVED);
        assertThat(report.hosts()).filteredOn(h -> h.host().equals(other)).singleElement()
                .satisfies(h -> assertThat(h.reason()).contains("is no longer approved"));
        assertThat(simulator.host(other).installerRuns()).isEmpty();
        assertThat(store.hostStates(plan.id()).stream().filter(r -> r.host().equals(other)).map(r -> r.state()))
                .doesNotContain("ACTING").endsWith("NOT_APPROVED");
    }
}
