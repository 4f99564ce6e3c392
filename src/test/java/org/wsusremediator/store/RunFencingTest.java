package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * The run journal's fence (issue 9 item 1), on the store itself: two store instances stand for two processes. A
 * run taken over writes nothing more, a takeover that read stale host states decides again, and a lease belongs to
 * the run that declared it, not to whoever wants to take the plan over.
 */
class RunFencingTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    private static Plan plan() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Plan("p-f", "alice", now, now.plus(1, ChronoUnit.DAYS), "inv.yaml",
                List.of(new PlannedHost("WSUS01", Action.INSTALL_KB, "SP1", "f1", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRunTakenOverWritesNothingMoreAndEndsSuperseded(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store first = db.open(); Store second = db.open()) {
            first.savePlan(plan());
            first.runs().start("run-a", "p-f", "apply --now", "alice", null, Duration.ofMillis(200), 0, Map.of());
            first.recordHostState("p-f", "run-a", 1, "WSUS01", "IN_FLIGHT", "re-probe");
            Thread.sleep(300); // run-a's lease runs out (on H2 a run of another store counts as dead anyway)

            second.runs().start("run-b", "p-f", "apply --now", "bob", null, Duration.ofSeconds(30), 1, Map.of());

            assertThatThrownBy(() -> first.recordHostState("p-f", "run-a", 1, "WSUS01", "ACTING", "installer"))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(first.runs().renew("run-a")).isFalse();
            assertThat(second.runs().renew("run-b")).isTrue();
            assertThat(first.latestHostStates("p-f")).containsEntry("WSUS01", "IN_FLIGHT");

            assertThat(first.runs().finish("run-a", "p-f", "FINISHED", null, Map.of())).isEqualTo("SUPERSEDED");
            assertThat(second.runs().ofPlan("p-f")).extracting(RunRecord::status)
                    .containsExactly("SUPERSEDED", "RUNNING");
            assertThat(second.runs().ofPlan("p-f")).extracting(RunRecord::fence).containsExactly(1L, 2L);
            assertThat(second.auditRecords()).filteredOn(r -> r.action().equals("RUN_SUPERSEDED")).singleElement()
                    .satisfies(r -> assertThat(r.details()).contains("\"takenOverBy\":\"run-b\""));
            assertThat(second.verifyAudit().intact()).isTrue();
        }
    }

    /**
     * A run records the node that runs it (V13), and a takeover is audited with both nodes: which node took which run
     * over from which node. The dead run's node is set to another node's id, as a second machine would have written it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aRunNamesItsNodeAndATakeoverNamesBothNodes(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        String me = NodeIdentity.current().instanceId();
        String other = "wsus-b.corp.local:4711:1765096429000";
        try (Store first = db.open(); Store second = db.open()) {
            first.savePlan(plan());
            RunRecord a = first.runs().start("run-a", "p-f", "window sat", "remediator", null, Duration.ofMillis(200), 0,
                    Map.of());
            assertThat(a.node()).isEqualTo(me);
            first.inTransaction("the run of another node", c -> {
                try (var ps = c.prepareStatement("UPDATE runs SET node = ? WHERE id = 'run-a'")) {
                    ps.setString(1, other);
                    return ps.executeUpdate();
                }
            });
            Thread.sleep(300); // run-a's lease runs out

            second.runs().start("run-b", "p-f", "window sat", "remediator", null, Duration.ofSeconds(30), 0, Map.of());

            assertThat(second.runs().ofPlan("p-f")).extracting(RunRecord::id, RunRecord::status, RunRecord::node)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("run-a", "INTERRUPTED", other),
                            org.assertj.core.groups.Tuple.tuple("run-b", "RUNNING", me));
            assertThat(second.auditRecords()).filteredOn(r -> r.action().equals("RUN_INTERRUPTED")).singleElement()
                    .satisfies(r -> assertThat(r.details()).contains("\"run\":\"run-a\"", "\"node\":\"" + other + "\"",
                            "\"foundBy\":\"run-b\"", "\"foundOnNode\":\"" + me + "\""));
            assertThat(second.auditRecords()).filteredOn(r -> r.action().equals("RUN_STARTED")).last()
                    .satisfies(r -> assertThat(r.details()).contains("\"run\":\"run-b\"", "\"node\":\"" + me + "\"",
                            "\"takesOver\":[\"run-a\"]"));
            assertThat(second.verifyAudit().intact()).isTrue();
        }
    }

    /** A host state written after the new run read them (a run thought dead, still writing) makes it decide again. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aTakeoverThatReadStaleHostStatesIsRefused(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store first = db.open(); Store second = db.open()) {
            first.savePlan(plan());
            first.runs().start("run-a", "p-f", "apply --now", "alice", null, Duration.ofMillis(200), 0, Map.of());
            long seen = second.runs().hostStatesWritten("p-f");
            first.recordHostState("p-f", "run-a", 1, "WSUS01", "ACTING", "installer");
            Thread.sleep(300); // run-a's lease (200 ms) runs out: only then may run-b try to take the plan over

            assertThatThrownBy(() -> second.runs().start("run-b", "p-f", "apply --now", "bob", null,
                    Duration.ofSeconds(30), seen, Map.of())).isInstanceOf(StaleRunViewException.class);
            assertThat(second.runs().ofPlan("p-f")).extracting(RunRecord::status).containsExactly("RUNNING");
            assertThat(first.runs().renew("run-a")).as("the refused claim changed nothing").isTrue();
        }
    }

    /**
     * Whoever takes a plan over honours the lease the running process declared: a short lease of one's own (the
     * remediator.runLeaseSeconds property is anyone's to set) does not make a live run look dead. Only PostgreSQL
     * lets another process see a live run.
     */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aTakeoverHonoursTheLeaseTheRunningProcessDeclared(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store first = db.open(); Store second = db.open()) {
            first.savePlan(plan());
            first.runs().start("run-a", "p-f", "apply --now", "alice", null, Duration.ofSeconds(30), 0, Map.of());
            Thread.sleep(1_200); // past run-b's own lease (1 s), well within the 30 s that run-a declared

            assertThatThrownBy(() -> second.runs().start("run-b", "p-f", "apply --now", "bob", null,
                    Duration.ofSeconds(1), 0, Map.of()))
                    .isInstanceOf(RunConflictException.class)
                    .hasMessageContaining("is being run by another process")
                    .hasMessageContaining("its lease runs out at");
            assertThat(first.runs().renew("run-a")).isTrue();
        }
    }

    /**
     * A lease is capped: a row edited to declare a lease of a day (anyone who can write the runs table can) does not
     * keep a plan from being taken over once the longest lease, 10 minutes, has passed since its last heartbeat.
     */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aLeaseEditedInTheJournalIsHonouredOnlyUpToTheLongestLease(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store first = db.open(); Store second = db.open()) {
            first.savePlan(plan());
            first.runs().start("run-a", "p-f", "apply --now", "alice", null, Duration.ofSeconds(30), 0, Map.of());
            try (var c = db.connect(); var ps = c.prepareStatement(
                    "UPDATE runs SET lease_ms = ?, heartbeat_at = heartbeat_at - INTERVAL '11 minutes' WHERE id = 'run-a'")) {
                ps.setLong(1, Duration.ofDays(1).toMillis());
                assertThat(ps.executeUpdate()).isOne();
            }

            second.runs().start("run-b", "p-f", "apply --now", "bob", null, Duration.ofSeconds(30), 0, Map.of());

            assertThat(second.runs().ofPlan("p-f")).extracting(RunRecord::status).containsExactly("INTERRUPTED", "RUNNING");
        }
    }
}
