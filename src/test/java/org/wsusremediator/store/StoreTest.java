package org.wsusremediator.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovedSettings;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    @interface OnEachDatabase {
    }

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    private TestDatabases.Db db(TestDatabases.Target target) throws SQLException {
        return target.create(dir, cleanups);
    }

    private static final Instant T0 = Instant.parse("2026-11-20T09:15:30.123456Z");

    private static Plan plan(String id, Instant createdAt) {
        return new Plan(id, "alice", createdAt, createdAt.plus(2, ChronoUnit.DAYS), "inventory/lab.yaml", List.of(
                new PlannedHost("WSUS01", Action.INSTALL_KB, "SP1, DLL 3.1.6001.65", "sha256:aa11", true),
                new PlannedHost("wsus02.corp", Action.COMPLIANT, "DLL 3.1.6001.66", "sha256:bb22", false),
                new PlannedHost("WSUS-RTM", Action.RTM_WORKAROUND, "RTM, policy workaround", "sha256:cc33", true)));
    }

    @OnEachDatabase
    void planRoundTrip(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            Plan older = plan("p-1", T0);
            Plan newer = plan("p-2", T0.plusSeconds(60));
            store.savePlan(older);
            store.savePlan(newer);

            assertThat(store.plan("p-1")).contains(older);
            assertThat(store.plan("nope")).isEmpty();
            assertThat(store.plans()).containsExactly(newer, older);
            assertThat(store.auditRecords()).extracting(AuditRecord::seq, AuditRecord::actor, AuditRecord::action,
                    AuditRecord::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1L, "alice", "PLAN_CREATED", "plan p-1"),
                    org.assertj.core.groups.Tuple.tuple(2L, "alice", "PLAN_CREATED", "plan p-2"));
            assertThat(store.auditRecords().get(0).details()).contains("WSUS01", "INSTALL_KB", "sha256:aa11");
        }
    }

    /** What an approval covers is kept with the plan and hashed into its audit record: an edited row shows. */
    @OnEachDatabase
    void approvedSettingsRoundTripAndAnEditedRowNoLongerMatchesTheAuditRecord(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = db(target);
        ApprovedSettings settings = new ApprovedSettings("10.0.0.5", 5985, "http", "UPGRADE", "x64",
                "\\\\fs\\wsus\\WSUS3.0SP1-KB954960-x64.exe", "ab".repeat(32), "/quiet /norestart", false, null);
        Plan plan = new Plan("p-s", "alice", T0, T0.plusSeconds(3600), "inv.yaml", List.of(
                new PlannedHost("WSUS01", Action.INSTALL_KB, "SP1", "f1", true, settings)));
        try (Store store = db.open()) {
            store.savePlan(plan);
            assertThat(store.plan("p-s")).contains(plan);
            assertThat(store.auditedSettings("p-s")).containsExactly(java.util.Map.entry("WSUS01", settings.hash()));

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE plan_hosts SET settings = REPLACE(settings, '10.0.0.5', '10.6.6.6')");
            }
            ApprovedSettings edited = store.plan("p-s").orElseThrow().hosts().get(0).settings();
            assertThat(edited.address()).isEqualTo("10.6.6.6");
            assertThat(edited.hash()).isNotEqualTo(store.auditedSettings("p-s").get("WSUS01"));
        }
    }

    @OnEachDatabase
    void planWithNoHostsRoundTrips(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            Plan empty = new Plan("p-0", "bob", T0, T0.plusSeconds(3600), "inv.yaml", List.of());
            store.savePlan(empty);
            assertThat(store.plan("p-0")).contains(empty);
        }
    }

    @OnEachDatabase
    void approvalRoundTrip(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            store.savePlan(plan("p-1", T0));
            Approval some = new Approval("p-1", "carol", Decision.APPROVE, List.of("WSUS01", "WSUS-RTM"),
                    "change CHG-1234", T0.plusSeconds(10));
            Approval all = new Approval("p-1", "dave", Decision.REJECT, List.of(), "not in this window",
                    T0.plusSeconds(20));
            store.recordApproval(some);
            store.recordApproval(all);

            assertThat(store.approvals("p-1")).containsExactly(some, all);
            assertThat(store.approvals("other")).isEmpty();
            assertThat(store.auditRecords()).extracting(AuditRecord::actor, AuditRecord::action).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("alice", "PLAN_CREATED"),
                    org.assertj.core.groups.Tuple.tuple("carol", "PLAN_APPROVED"),
                    org.assertj.core.groups.Tuple.tuple("dave", "PLAN_REJECTED"));
        }
    }

    @OnEachDatabase
    void approvalOfAnUnknownPlanIsRefusedAndLeavesNoAuditRecord(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            assertThatThrownBy(() -> store.recordApproval(new Approval("ghost", "carol", Decision.APPROVE,
                    List.of(), "", T0))).isInstanceOf(StoreException.class);
            assertThat(store.auditRecords()).isEmpty();
            assertThat(store.auditHead()).isEqualTo(new AuditHead(0, AuditTrail.GENESIS));
        }
    }

    @OnEachDatabase
    void hostStatesKeepTheLatestPerHost(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            store.savePlan(plan("p-1", T0));
            store.recordHostState("p-1", "WSUS01", "INSTALLING", "msiexec started");
            store.recordHostState("p-1", "WSUS-RTM", "APPLYING_WORKAROUND", "");
            store.recordHostState("p-1", "WSUS01", "VERIFIED", "DLL 3.1.6001.66");

            assertThat(store.latestHostStates("p-1")).containsExactly(
                    Map.entry("WSUS01", "VERIFIED"), Map.entry("WSUS-RTM", "APPLYING_WORKAROUND"));
            assertThat(store.latestHostStates("other")).isEmpty();
            assertThat(store.auditRecords()).extracting(AuditRecord::action)
                    .containsExactly("PLAN_CREATED", "HOST_STATE", "HOST_STATE", "HOST_STATE");
            assertThat(store.auditRecords().get(3).details()).contains("VERIFIED", "DLL 3.1.6001.66");
        }
    }

    @OnEachDatabase
    void aFailedTransactionLeavesNeitherThePlanNorItsAuditRecord(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            store.savePlan(plan("p-1", T0));
            AuditHead before = store.auditHead();

            // Fails after the plan, its hosts and its audit record were written, just before commit.
            assertThatThrownBy(() -> store.savePlan(plan("p-2", T0), c -> {
                throw new SQLException("simulated failure before commit");
            })).isInstanceOf(StoreException.class).hasMessageContaining("save plan p-2");
            // Fails inside the database: the id exists already.
            assertThatThrownBy(() -> store.savePlan(plan("p-1", T0))).isInstanceOf(StoreException.class);

            assertThat(store.plan("p-2")).isEmpty();
            assertThat(store.plans()).extracting(Plan::id).containsExactly("p-1");
            assertThat(store.auditRecords()).hasSize(1);
            assertThat(store.auditHead()).isEqualTo(before);

            store.savePlan(plan("p-3", T0));
            assertThat(store.auditRecords()).extracting(AuditRecord::seq).containsExactly(1L, 2L);
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    private static void fill(Store store, int records) {
        for (int i = 1; i <= records; i++) {
            store.audit("alice", "TEST_EVENT", "thing " + i, "{\"n\":" + i + "}");
        }
    }

    @OnEachDatabase
    void anUntouchedChainVerifies(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            assertThat(store.verifyAudit()).isEqualTo(new AuditVerification(true, 0, null, null));
            fill(store, 6);
            assertThat(store.verifyAudit()).isEqualTo(new AuditVerification(true, 6, null, null));
            List<AuditRecord> records = store.auditRecords();
            assertThat(records.get(0).prevHash()).isEqualTo("0".repeat(64));
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
            }
            assertThat(store.auditHead()).isEqualTo(new AuditHead(6, records.get(5).hash()));
        }
    }

    @OnEachDatabase
    void anEditedRecordIsFound(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = db(target);
        try (Store store = db.open()) {
            fill(store, 8);
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement("UPDATE audit_log SET details = ? WHERE seq = 7")) {
                ps.setString(1, "{\"n\":700}");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSeq()).isEqualTo(7L);
            assertThat(v.recordsChecked()).isEqualTo(7);
            assertThat(v.problem()).startsWith("record 7: its contents were changed after it was written");
        }
    }

    @OnEachDatabase
    void aDeletedMiddleRecordIsFound(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = db(target);
        try (Store store = db.open()) {
            fill(store, 8);
            exec(db, "DELETE FROM audit_log WHERE seq = 5");
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSeq()).isEqualTo(5L);
            assertThat(v.problem()).isEqualTo("record 5 is missing");

            // Hiding the gap by renumbering breaks the hashes instead.
            exec(db, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 5");
            AuditVerification renumbered = store.verifyAudit();
            assertThat(renumbered.firstBadSeq()).isEqualTo(5L);
            assertThat(renumbered.problem()).startsWith("record 5: its contents were changed");
        }
    }

    @OnEachDatabase
    void swappedRecordsAreFound(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = db(target);
        try (Store store = db.open()) {
            fill(store, 6);
            // Move record 3 to seq 4 and record 4 to seq 3, each keeping its contents and hashes.
            exec(db, "UPDATE audit_log SET seq = 1000 WHERE seq = 3");
            exec(db, "UPDATE audit_log SET seq = 3 WHERE seq = 4");
            exec(db, "UPDATE audit_log SET seq = 4 WHERE seq = 1000");
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSeq()).isEqualTo(3L);
            assertThat(v.problem()).startsWith("record 3:");
        }
    }

    @OnEachDatabase
    void aRecordRelinkedAfterADeletionIsFound(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = db(target);
        try (Store store = db.open()) {
            fill(store, 5);
            // Remove record 3 and put record 2's hash in its place as record 3: seq has no gap, hash is valid
            // for that seq only if recomputed; here an attacker recomputes record 3 but cannot fix record 4's link.
            List<AuditRecord> r = store.auditRecords();
            AuditRecord forged = r.get(2);
            String forgedHash = AuditTrail.hash(3, forged.at(), forged.actor(), forged.action(), forged.subject(),
                    "{\"n\":\"forged\"}", forged.prevHash());
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE audit_log SET details = ?, hash = ? WHERE seq = 3")) {
                ps.setString(1, "{\"n\":\"forged\"}");
                ps.setString(2, forgedHash);
                ps.executeUpdate();
            }
            AuditVerification v = store.verifyAudit();
            assertThat(v.firstBadSeq()).isEqualTo(4L);
            assertThat(v.problem()).startsWith("record 4: it does not follow the record before it");
        }
    }

    @OnEachDatabase
    void aDeletedLastRecordIsOnlyFoundAgainstAHeadWrittenDownElsewhere(TestDatabases.Target target)
            throws Exception {
        TestDatabases.Db db = db(target);
        try (Store store = db.open()) {
            fill(store, 5);
            AuditHead writtenDown = store.auditHead();
            assertThat(writtenDown.seq()).isEqualTo(5);
            AuditRecord fourth = store.auditRecords().get(3);

            // Deleting the last record alone is caught by the stored head row ...
            exec(db, "DELETE FROM audit_log WHERE seq = 5");
            AuditVerification v = store.verifyAudit();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadSeq()).isEqualTo(5L);
            assertThat(v.problem()).startsWith("record 5 is missing");

            // ... and when the head row is rewritten too, the chain alone cannot show the cut-off end: the head
            // anchored outside the database (audit-anchor.log, with the server key) does.
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE audit_head SET seq = 4, hash = ? WHERE id = 1")) {
                ps.setString(1, fourth.hash());
                ps.executeUpdate();
            }
            AuditVerification cut = store.verifyAudit();
            assertThat(cut.intact()).isFalse();
            assertThat(cut.firstBadSeq()).isEqualTo(5L);
            assertThat(cut.problem()).startsWith("record 5 is missing").contains("audit-anchor.log");
            // A head written down elsewhere shows it too.
            AuditVerification anchored = store.verifyAudit(writtenDown);
            assertThat(anchored.intact()).isFalse();
            assertThat(anchored.firstBadSeq()).isEqualTo(5L);
            assertThat(anchored.problem()).startsWith("record 5 is missing");
        }
    }

    @OnEachDatabase
    void reopeningKeepsEverythingAndMigratesNothingNew(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = db(target);
        Plan p = plan("p-1", T0);
        Approval a = new Approval("p-1", "carol", Decision.APPROVE, List.of(), "ok", T0.plusSeconds(5));
        AuditHead head;
        try (Store store = db.open()) {
            assertThat(store.migrationsApplied()).isEqualTo(12);
            store.savePlan(p);
            store.recordApproval(a);
            store.recordHostState("p-1", "WSUS01", "VERIFIED", "");
            head = store.auditHead();
        }
        try (Store store = db.open()) {
            assertThat(store.migrationsApplied()).isZero();
            assertThat(store.plan("p-1")).contains(p);
            assertThat(store.approvals("p-1")).containsExactly(a);
            assertThat(store.latestHostStates("p-1")).containsEntry("WSUS01", "VERIFIED");
            assertThat(store.auditHead()).isEqualTo(head);
            assertThat(store.verifyAudit(head).intact()).isTrue();
            store.audit("alice", "TEST_EVENT", "after restart", "");
            assertThat(store.auditHead().seq()).isEqualTo(4);
            assertThat(store.verifyAudit(head).intact()).isTrue();
        }
    }

    @OnEachDatabase
    void concurrentWritersNeverForkTheChain(TestDatabases.Target target) throws Exception {
        try (Store store = db(target).open()) {
            store.savePlan(plan("p-1", T0));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int writer = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 15; i++) {
                            if (i % 2 == 0) {
                                store.audit("w" + writer, "TEST_EVENT", "n" + i, "");
                            } else {
                                store.recordHostState("p-1", "host-" + writer, "STEP_" + i, "");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<AuditRecord> records = store.auditRecords();
            assertThat(records).hasSize(61);
            assertThat(records).extracting(AuditRecord::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 61).boxed().toList());
            assertThat(store.verifyAudit()).isEqualTo(new AuditVerification(true, 61, null, null));
        }
    }

    @Test
    void errorsNameTheUrlButNeverThePassword() {
        String url = Store.defaultH2Url(dir);
        try (Store store = Store.open(url, "sa", "right-Secret-1")) {
            assertThat(store.toString()).doesNotContain("right-Secret-1");
        }
        assertThatThrownBy(() -> Store.open(url, "sa", "wrong-Secret-2"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(url)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-Secret-2", "right-Secret-1"));
        assertThat(Store.describe("jdbc:postgresql://db/x?user=admin&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=***&password=***&ssl=true");
        assertThat(Store.describe("jdbc:h2:file:/x;USER=sa;PASSWORD=hunter2")).doesNotContain("hunter2");
    }

    @Test
    void defaultUrlIsAnEmbeddedFileWithoutAServer() {
        assertThat(Store.defaultH2Url(Path.of("/var/lib/remediator")))
                .isEqualTo("jdbc:h2:retry:/var/lib/remediator/remediator;AUTO_SERVER=FALSE;WRITE_DELAY=0");
    }

    @Test
    void theEncodingIsUnambiguous() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        String zeros = AuditTrail.GENESIS;
        assertThat(AuditTrail.hash(1, t, "ab", "c", "s", "d", zeros))
                .isNotEqualTo(AuditTrail.hash(1, t, "a", "bc", "s", "d", zeros));
        assertThat(AuditTrail.hash(1, t, "a,1:b", "c", "s", "d", zeros))
                .isNotEqualTo(AuditTrail.hash(1, t, "a", "b", "c", "s", zeros));
        assertThat(AuditTrail.hash(1, t, "a", "b", "s", "d", zeros)).hasSize(64).matches("[0-9a-f]{64}");
    }

    private static void exec(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
