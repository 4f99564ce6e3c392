package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * The claims of shared waves ({@link HostClaims}) on PostgreSQL, with real concurrent connections: several "nodes"
 * (threads, each on its own store and connections) claim and settle the hosts of one wave at once. No host is claimed
 * twice, a group never has more hosts claimed than perGroup across the nodes, a host another transaction has locked
 * is skipped rather than waited for, and a claim released from a lapsed node fences that node's writes.
 */
class HostClaimsTest {

    private static final List<String> GROUPS = List.of("east", "north", "west");
    private static final int HOSTS = 24;

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    private static Plan plan() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<PlannedHost> hosts = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            hosts.add(new PlannedHost(host(i), Action.INSTALL_KB, "SP1", "f" + i, true));
        }
        return new Plan("p-c", "alice", now, now.plus(1, ChronoUnit.DAYS), "inv.yaml", hosts);
    }

    private static String host(int i) {
        return String.format("wsus%02d", i);
    }

    private static List<HostClaims.WaveHost> wave() {
        List<HostClaims.WaveHost> out = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            out.add(new HostClaims.WaveHost(host(i), GROUPS.get(i % GROUPS.size()), i, null));
        }
        return out;
    }

    private static String group(String host) {
        return GROUPS.get(Integer.parseInt(host.substring(4)) % GROUPS.size());
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void nodesClaimingAtOnceNeverShareAHostNorPassTheGroupLimit(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        int perGroup = 2;
        int nodes = 4;
        try (Store owner = db.open()) {
            owner.savePlan(plan());
            owner.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            owner.claims().publish("run-c", "p-c", 1, wave(), perGroup);
        }
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
        GROUPS.forEach(g -> {
            inFlight.put(g, new AtomicInteger());
            most.put(g, new AtomicInteger());
        });
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes * 3);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                String node = "node-" + n;
                Store store = db.open();
                cleanups.add(0, store::close);
                done.add(pool.submit(() -> {
                    go.await();
                    int settled = 0;
                    // Each node: claim up to 3 at a time, hold each a little, settle it; until the wave is done.
                    for (int round = 0; round < 400; round++) {
                        List<HostClaims.Claim> claims = store.claims().claim(node, 3);
                        if (claims.isEmpty()) {
                            if (store.claims().wave("run-c", 1).stream().allMatch(r -> r.state().equals("DONE"))) {
                                break;
                            }
                            Thread.sleep(5);
                            continue;
                        }
                        List<Future<?>> held = new ArrayList<>();
                        for (HostClaims.Claim c : claims) {
                            if (claimedBy.putIfAbsent(c.host(), node) != null) {
                                twice.add(c.host());
                            }
                            int now = inFlight.get(group(c.host())).incrementAndGet();
                            most.get(group(c.host())).accumulateAndGet(now, Math::max);
                            held.add(pool.submit(() -> {
                                store.claims().record(c, "IN_FLIGHT", "re-probe", null);
                                Thread.sleep(20);
                                // Counted out before the settle commits: the next claim of the group can only follow it.
                                inFlight.get(group(c.host())).decrementAndGet();
                                store.claims().record(c, "REMEDIATED", "installed", false);
                                return null;
                            }));
                        }
                        for (Future<?> h : held) {
                            h.get(30, TimeUnit.SECONDS);
                        }
                        settled += claims.size();
                    }
                    return settled;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(twice).as("hosts claimed twice").isEmpty();
            assertThat(total).isEqualTo(HOSTS);
            assertThat(claimedBy).hasSize(HOSTS);
            assertThat(Set.copyOf(claimedBy.values())).as("the nodes that got hosts").hasSizeGreaterThan(1);
            most.forEach((g, m) -> assertThat(m.get()).as("most hosts of group " + g + " claimed at once").isBetween(1, perGroup));
        } finally {
            pool.shutdownNow();
        }
        try (Store reader = db.open()) {
            assertThat(reader.claims().wave("run-c", 1)).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo("DONE");
                assertThat(r.outcome()).isEqualTo("REMEDIATED");
                assertThat(r.node()).isEqualTo(claimedBy.get(r.host()));
            });
            assertThat(reader.hostStates("p-c")).hasSize(2 * HOSTS);
            assertThat(reader.auditRecords()).filteredOn(r -> r.action().equals("HOST_STATE"))
                    .allSatisfy(r -> assertThat(r.details()).contains("\"node\":\"node-"));
            assertThat(reader.verifyAudit().intact()).isTrue();
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT group_name, in_flight FROM wave_groups WHERE run_id = 'run-c'"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getInt(2)).as("slots left taken in " + rs.getString(1)).isZero();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aHostLockedByAnotherTransactionIsSkippedNotWaitedFor(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open(); Connection other = db.connect()) {
            store.savePlan(plan());
            store.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            store.claims().publish("run-c", "p-c", 1, wave(), 0);
            // Another node's claim in progress: wsus00 locked by an open transaction.
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(
                    "SELECT host FROM wave_hosts WHERE run_id = 'run-c' AND host = 'wsus00' FOR UPDATE")) {
                ps.executeQuery().close();
            }
            ExecutorService single = Executors.newSingleThreadExecutor();
            try {
                Future<List<HostClaims.Claim>> claim = single.submit(() -> store.claims().claim("node-b", 2));
                List<HostClaims.Claim> got = claim.get(10, TimeUnit.SECONDS);
                assertThat(got).extracting(HostClaims.Claim::host).containsExactly("wsus01", "wsus02");
                assertThat(got).allSatisfy(c -> assertThat(c.seq()).isOne());
            } finally {
                other.rollback();
                single.shutdownNow();
            }
            assertThat(store.claims().claim("node-a", 1)).extracting(HostClaims.Claim::host).containsExactly("wsus00");
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aClaimReleasedFromALapsedNodeFencesItsWritesAndIsResumedFromItsLastState(TestDatabases.Target target)
            throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open()) {
            store.savePlan(plan());
            store.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            store.claims().publish("run-c", "p-c", 1, wave().subList(0, 1), 1);
            HostClaims.Claim dead = store.claims().claim("node-dead", 1).get(0);
            store.claims().record(dead, "ACTING", "installer started", null);
            assertThat(store.claims().claim("node-b", 1)).as("the group's one slot is taken").isEmpty();
            assertThat(store.claims().releaseLapsed(Duration.ofSeconds(30))).as("within the grace").isEmpty();
            Thread.sleep(300);

            // node-dead never checked in (no QRTZ_SCHEDULER_STATE row) and its claim is older than the grace.
            assertThat(store.claims().releaseLapsed(Duration.ofMillis(200))).containsExactly("run-c/wsus00");
            HostClaims.Claim next = store.claims().claim("node-b", 1).get(0);
            assertThat(next.startFrom()).as("what the dead node last journaled: asked, never installed twice")
                    .isEqualTo("ACTING");
            assertThat(next.seq()).isEqualTo(2);

            assertThatThrownBy(() -> store.claims().record(dead, "REMEDIATED", "late", false))
                    .isInstanceOf(LeaseLostException.class).hasMessageContaining("was released");
            assertThatThrownBy(() -> store.claims().confirm(dead)).isInstanceOf(LeaseLostException.class);
            // The same node claiming the host again does not revive its old claim: its number is new.
            HostClaims.Claim sameNodeOldNumber = new HostClaims.Claim(next.runId(), next.planId(), next.host(),
                    next.wave(), next.node(), 1, next.startFrom());
            assertThatThrownBy(() -> store.claims().confirm(sameNodeOldNumber)).isInstanceOf(LeaseLostException.class);

            store.claims().record(next, "REMEDIATED", "verified", false);
            assertThat(store.claims().wave("run-c", 1)).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo("DONE");
                assertThat(r.node()).isEqualTo("node-b");
            });
            assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("CLAIM_RELEASED")).singleElement()
                    .satisfies(r -> assertThat(r.details()).contains("\"node\":\"node-dead\""));
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aClaimedHostWritesNothingOnceItsRunWasTakenOver(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open(); Store other = db.open()) {
            store.savePlan(plan());
            store.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMillis(200), 0, Map.of());
            store.claims().publish("run-c", "p-c", 1, wave().subList(0, 2), 1);
            HostClaims.Claim claim = store.claims().claim("node-b", 1).get(0);
            store.claims().record(claim, "IN_FLIGHT", "re-probe", null);
            Thread.sleep(300); // the owner's lease runs out: claims never renew it
            assertThat(other.claims().claim("node-c", 5)).as("a run past its lease is not helped").isEmpty();

            other.runs().start("run-d", "p-c", "window w", "remediator", null, Duration.ofSeconds(30), 1, Map.of());

            assertThatThrownBy(() -> store.claims().record(claim, "ACTING", "installer", null))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(store.latestHostStates("p-c")).containsEntry("wsus00", "IN_FLIGHT");
        }
    }

    /** The owner stops a wave (abort, window end): the unclaimed hosts close, a claimed one still settles. */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void theOwnerAbortsAndClosesTheHostsNoNodeClaimedAndTheClaimedOneStillSettles(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open()) {
            store.savePlan(plan());
            store.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            store.claims().publish("run-c", "p-c", 1, wave().subList(0, 3), 0);
            HostClaims.Claim claimed = store.claims().claim("node-b", 1).get(0);

            assertThat(store.claims().abortReason("run-c")).isNull();
            store.claims().abort("run-c", "2 of 2 hosts failed");
            store.claims().abort("run-c", "an operator aborted it");
            assertThat(store.claims().abortReason("run-c")).as("the first reason stays").isEqualTo("2 of 2 hosts failed");
            assertThat(store.claims().closePending("run-c", 1, "ABORTED", "not started: budget spent"))
                    .containsExactly("wsus01", "wsus02");
            assertThat(store.claims().claim("node-c", 5)).as("nothing claimable after the close").isEmpty();
            store.claims().record(claimed, "FAILED", "installer exit 1603", false);

            assertThat(store.claims().wave("run-c", 1)).extracting(HostClaims.WaveRow::host, HostClaims.WaveRow::state,
                    HostClaims.WaveRow::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("wsus00", "DONE", "FAILED"),
                    org.assertj.core.groups.Tuple.tuple("wsus01", "DONE", "ABORTED"),
                    org.assertj.core.groups.Tuple.tuple("wsus02", "DONE", "ABORTED"));
        }
    }

    /**
     * The owner revokes a claim whose turn outlasted its bounds while its node still lives: the host is DONE as
     * UNKNOWN, its group slot free, audited; the node's later writes and commands are fenced; a stale claim is not
     * revoked twice.
     */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void theOwnerRevokesAnOverdueClaimAndTheNodeCanWriteNothingMoreOfItsHost(TestDatabases.Target target)
            throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open()) {
            store.savePlan(plan());
            store.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            store.claims().publish("run-c", "p-c", 1, List.of(wave().get(0), wave().get(3)), 1); // both "east"
            HostClaims.Claim stuck = store.claims().claim("node-b", 1).get(0);
            store.claims().record(stuck, "ACTING", "installer started", null);
            assertThat(store.claims().claim("node-c", 1)).as("the group's one slot is taken").isEmpty();
            HostClaims.WaveRow row = store.claims().wave("run-c", 1).get(0);
            assertThat(row.claimSeq()).isEqualTo(stuck.seq());

            assertThat(store.claims().revoke("p-c", "run-c", row.host(), "node-b", row.claimSeq() - 1, "stale"))
                    .as("an older claim number revokes nothing").isFalse();
            assertThat(store.claims().revoke("p-c", "run-c", row.host(), "node-b", row.claimSeq(), "overdue"))
                    .isTrue();
            assertThat(store.claims().revoke("p-c", "run-c", row.host(), "node-b", row.claimSeq(), "overdue"))
                    .as("once").isFalse();

            assertThat(store.claims().wave("run-c", 1).get(0)).satisfies(r -> {
                assertThat(r.state()).isEqualTo("DONE");
                assertThat(r.outcome()).isEqualTo("UNKNOWN");
                assertThat(r.irreversible()).isTrue();
                assertThat(r.detail()).isEqualTo("overdue");
            });
            assertThatThrownBy(() -> store.claims().record(stuck, "REMEDIATED", "late", false))
                    .isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> store.claims().confirm(stuck)).isInstanceOf(LeaseLostException.class);
            assertThat(store.claims().claim("node-c", 1)).as("the group's slot is free again").singleElement()
                    .satisfies(c -> assertThat(c.host()).isEqualTo("wsus03"));
            assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("CLAIM_REVOKED")).singleElement()
                    .satisfies(r -> assertThat(r.details()).contains("\"node\":\"node-b\"", "\"host\":\"wsus00\""));
        }
    }

    /** A run whose groups are all at their limit does not keep a node from the hosts of a later run. */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aNodeClaimsFromTheNextRunWhenTheOldestIsAtItsGroupLimits(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Store store = db.open()) {
            store.savePlan(plan());
            store.savePlan(new Plan("p-d", "alice", now, now.plus(1, ChronoUnit.DAYS), "inv.yaml", plan().hosts()));
            store.runs().start("run-c", "p-c", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            store.claims().publish("run-c", "p-c", 1, List.of(wave().get(0), wave().get(3)), 1); // both "east"
            Thread.sleep(5); // run-d starts later: run-c is the oldest
            store.runs().start("run-d", "p-d", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            store.claims().publish("run-d", "p-d", 1, wave().subList(1, 3), 0);
            assertThat(store.claims().claim("node-b", 1)).singleElement()
                    .satisfies(c -> assertThat(c.runId() + "/" + c.host()).isEqualTo("run-c/wsus00"));

            List<HostClaims.Claim> next = store.claims().claim("node-c", 5);

            assertThat(next).extracting(c -> c.runId() + "/" + c.host())
                    .as("run-c's one group is at its limit: run-d's hosts instead")
                    .containsExactly("run-d/wsus01", "run-d/wsus02");
        }
    }
}
