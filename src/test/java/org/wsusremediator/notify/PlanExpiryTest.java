package org.wsusremediator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;

/** Plan statuses and the expiry sweep, through a real store on H2 and PostgreSQL. */
class PlanExpiryTest {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    @interface OnEachDatabase {
    }

    static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    static final ApprovalPolicy POLICY = new ApprovalPolicy(1, true, Duration.ofHours(1));

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    static Plan plan(String id, Instant createdAt, Duration validity) {
        return new Plan(id, "alice", createdAt, createdAt.plus(validity), "inventory/lab.yaml", List.of(
                new PlannedHost("wsus01", Action.INSTALL_KB, "SP1, DLL 3.1.6001.65", "sha256:aa", true),
                new PlannedHost("wsus02", Action.RTM_WORKAROUND, "RTM", "sha256:bb", true),
                new PlannedHost("wsus03", Action.COMPLIANT, "DLL 3.1.6001.66", "sha256:cc", false)));
    }

    static Approval decide(String planId, String admin, Decision decision, Instant at, String... hosts) {
        return new Approval(planId, admin, decision, List.of(hosts), "CHG-1", at);
    }

    private static long expiredRecords(Store store, String planId) {
        return store.auditRecords().stream()
                .filter(r -> r.action().equals("PLAN_EXPIRED") && r.subject().equals("plan " + planId)).count();
    }

    @OnEachDatabase
    void eachStatusAsTheAdminsSeeIt(TestDatabases.Target target) throws SQLException {
        try (Store store = target.create(dir, cleanups).open()) {
            Instant now = T0.plus(10, ChronoUnit.MINUTES);
            store.savePlan(plan("p-pending", T0, Duration.ofHours(1)));
            store.savePlan(plan("p-approved", T0, Duration.ofHours(1)));
            store.recordApproval(decide("p-approved", "bob", Decision.APPROVE, T0.plusSeconds(60), "wsus01"));
            store.savePlan(plan("p-self", T0, Duration.ofHours(1)));
            // The requester's own approval never counts (two-person rule): still pending.
            store.recordApproval(decide("p-self", "alice", Decision.APPROVE, T0.plusSeconds(60)));
            store.savePlan(plan("p-rejected", T0, Duration.ofHours(1)));
            store.recordApproval(decide("p-rejected", "bob", Decision.REJECT, T0.plusSeconds(60), "wsus01"));
            store.recordApproval(decide("p-rejected", "carol", Decision.REJECT, T0.plusSeconds(61), "wsus02"));
            store.savePlan(plan("p-half-rejected", T0, Duration.ofHours(1)));
            store.recordApproval(decide("p-half-rejected", "bob", Decision.REJECT, T0.plusSeconds(60), "wsus01"));
            store.savePlan(plan("p-expired", T0.minus(2, ChronoUnit.HOURS), Duration.ofHours(1)));
            store.savePlan(new Plan("p-nothing", "alice", T0, T0.plus(1, ChronoUnit.HOURS), "inventory/lab.yaml",
                    List.of(new PlannedHost("wsus03", Action.COMPLIANT, "DLL 3.1.6001.66", "sha256:cc", false))));
            store.savePlan(plan("p-ran", T0, Duration.ofHours(1)));
            store.recordApproval(decide("p-ran", "bob", Decision.APPROVE, T0.plusSeconds(60)));
            store.runs().start("run-1", "p-ran", "apply --now", "bob", null, Duration.ofMinutes(1), 0, Map.of());
            store.savePlan(plan("p-finished", T0, Duration.ofHours(1)));
            store.recordApproval(decide("p-finished", "bob", Decision.APPROVE, T0.plusSeconds(60)));
            store.runs().start("run-2", "p-finished", "apply --now", "bob", null, Duration.ofMinutes(1), 0, Map.of());
            store.runs().finish("run-2", "p-finished", "FINISHED", null, Map.of());

            assertThat(PlanStatuses.of(store, POLICY, now)).extracting(s -> s.plan().id(), PlanState::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("p-pending", PlanStatus.PENDING),
                            org.assertj.core.groups.Tuple.tuple("p-approved", PlanStatus.APPROVED),
                            org.assertj.core.groups.Tuple.tuple("p-self", PlanStatus.PENDING),
                            org.assertj.core.groups.Tuple.tuple("p-rejected", PlanStatus.REJECTED),
                            org.assertj.core.groups.Tuple.tuple("p-half-rejected", PlanStatus.PENDING),
                            org.assertj.core.groups.Tuple.tuple("p-expired", PlanStatus.EXPIRED),
                            org.assertj.core.groups.Tuple.tuple("p-nothing", PlanStatus.NO_ACTION),
                            org.assertj.core.groups.Tuple.tuple("p-ran", PlanStatus.RUNNING),
                            org.assertj.core.groups.Tuple.tuple("p-finished", PlanStatus.FINISHED));
            assertThat(PlanStatuses.withStatus(store, POLICY, Decisions.recorded(store), PlanStatus.APPROVED, now))
                    .extracting(s -> s.plan().id()).containsExactly("p-approved");
            assertThat(PlanStatuses.of(store, POLICY, Decisions.recorded(store), "p-approved", now).orElseThrow().approvedHosts())
                    .containsExactly("wsus01");
            // An hour on, the approved plan that never ran is expired too: an expired plan approves nothing.
            Instant later = T0.plus(2, ChronoUnit.HOURS);
            assertThat(PlanStatuses.of(store, POLICY, Decisions.recorded(store), "p-approved", later).orElseThrow().status()).isEqualTo(PlanStatus.EXPIRED);
            assertThat(PlanStatuses.of(store, POLICY, Decisions.recorded(store), "p-rejected", later).orElseThrow().status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(PlanStatuses.of(store, POLICY, Decisions.recorded(store), "p-finished", later).orElseThrow().status()).isEqualTo(PlanStatus.FINISHED);
        }
    }

    @OnEachDatabase
    void aPlanExpiresByItselfOnce(TestDatabases.Target target) throws SQLException {
        try (Store store = target.create(dir, cleanups).open()) {
            store.savePlan(plan("p-1", T0, Duration.ofMinutes(5)));
            store.savePlan(plan("p-rejected", T0, Duration.ofMinutes(5)));
            store.recordApproval(decide("p-rejected", "bob", Decision.REJECT, T0.plusSeconds(1)));
            store.savePlan(plan("p-approved", T0, Duration.ofMinutes(5)));
            store.recordApproval(decide("p-approved", "bob", Decision.APPROVE, T0.plusSeconds(1), "wsus02"));

            assertThat(ExpirySweep.sweep(store, POLICY, T0.plus(4, ChronoUnit.MINUTES))).isEmpty();
            assertThat(ExpirySweep.sweep(store, POLICY, T0.plus(5, ChronoUnit.MINUTES)))
                    .containsExactlyInAnyOrder("p-1", "p-approved");
            assertThat(ExpirySweep.sweep(store, POLICY, T0.plus(6, ChronoUnit.MINUTES))).isEmpty();
            // A plan that expired long before any sweep (a store upgraded to this version) is EXPIRED, unrecorded.
            store.savePlan(plan("p-ancient", T0.minus(30, ChronoUnit.DAYS), Duration.ofMinutes(5)));
            assertThat(ExpirySweep.sweep(store, POLICY, T0.plus(7, ChronoUnit.MINUTES))).isEmpty();
            assertThat(PlanStatuses.of(store, POLICY, Decisions.recorded(store), "p-ancient", T0).orElseThrow().status())
                    .isEqualTo(PlanStatus.EXPIRED);

            assertThat(expiredRecords(store, "p-1")).isOne();
            assertThat(expiredRecords(store, "p-rejected")).as("a rejection is final: no expiry on top").isZero();
            AuditRecord approved = store.auditRecords().stream()
                    .filter(r -> r.action().equals("PLAN_EXPIRED") && r.subject().equals("plan p-approved")).findFirst()
                    .orElseThrow();
            assertThat(approved.actor()).isEqualTo(Store.SYSTEM_ACTOR);
            assertThat(approved.details()).contains("\"approvedBeforeExpiry\":[\"wsus02\"]", "\"hostsNeedingApproval\":2",
                    "\"expiresAt\":\"2026-12-07T09:05:00Z\"");
            assertThat(store.verifyAudit().intact()).isTrue();
        }
    }

    @OnEachDatabase
    void twoSweepersWriteOneRecordPerPlan(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store first = db.open()) {
            for (int i = 0; i < 5; i++) {
                first.savePlan(plan("p-" + i, T0, Duration.ofMinutes(1)));
            }
            // Two processes on PostgreSQL (two stores); on the embedded file one process, its threads racing.
            try (Store second = db.kind().equals("postgres") ? db.open() : null) {
                Store other = second == null ? first : second;
                int sweepers = 6;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(sweepers);
                List<Future<List<String>>> results = new ArrayList<>();
                for (int i = 0; i < sweepers; i++) {
                    Store store = i % 2 == 0 ? first : other;
                    Callable<List<String>> sweep = () -> {
                        start.await();
                        return ExpirySweep.sweep(store, POLICY, T0.plus(2, ChronoUnit.MINUTES));
                    };
                    results.add(pool.submit(sweep));
                }
                start.countDown();
                List<String> expired = new ArrayList<>();
                for (Future<List<String>> r : results) {
                    expired.addAll(r.get());
                }
                pool.shutdown();
                assertThat(expired).as("each plan expired by exactly one sweeper")
                        .containsExactlyInAnyOrder("p-0", "p-1", "p-2", "p-3", "p-4");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(expiredRecords(first, "p-" + i)).isOne();
            }
            assertThat(first.verifyAudit().intact()).isTrue();
        }
    }
}
