package org.wsusremediator.apply;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.wsusremediator.store.HostClaims;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;

/**
 * A host claimed on another node belongs to a run aborted where its owner runs it: the claiming node's part of the run
 * learns the abort from the store, so that the host is not restarted after it (as a run of its own would not).
 * PostgreSQL only: claims are.
 */
class ClaimedHostAbortTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void theOwnersAbortStopsTheRestartOfAHostClaimedElsewhere(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PlannedHost planned = new PlannedHost("wsus01", Action.INSTALL_KB, "SP1", "f1", true);
        Plan plan = new Plan("p-a", "alice", now, now.plus(1, ChronoUnit.DAYS), "inv.yaml", List.of(planned));
        try (Store owner = db.open(); Store node = db.open()) {
            owner.savePlan(plan);
            owner.runs().start("run-a", "p-a", "window w", "remediator", null, Duration.ofMinutes(5), 0, Map.of());
            owner.claims().publish("run-a", "p-a", 1, List.of(new HostClaims.WaveHost("wsus01", "east", 0, null)), 1);
            HostClaims.Claim claim = node.claims().claim("node-b", 1).get(0);
            ApplyRequest request = new ApplyRequest(plan, null, null, null, Rollout.DEFAULT, "shared run run-a",
                    "remediator", null, Duration.ofSeconds(30), Map.of());
            ApplyRun part = ApplyRun.claimed(claim, request, node);
            HostGuard guard = new HostGuard(part, new ApplyTarget(planned, null, 1, null));
            assertThat(part.abortReason()).isNull();

            owner.claims().abort("run-a", "3 of 4 hosts failed (75%), more than maxFailures 50%");

            assertThat(part.abortReason()).isEqualTo("3 of 4 hosts failed (75%), more than maxFailures 50%");
            assertThat(guard.restartRefusal()).isEqualTo("the run was aborted (3 of 4 hosts failed (75%), more than"
                    + " maxFailures 50%)");
        }
    }
}
