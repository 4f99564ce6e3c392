package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * A process stopped in the middle of a transaction (SIGSTOP, a paused VM) must not hold its row locks until it resumes:
 * the other nodes would wait on them (a run's takeover, Quartz's TRIGGER_ACCESS lock). PostgreSQL ends a session idle
 * in a transaction after {@link Store#IDLE_IN_TRANSACTION}, and the takeover goes on. (H2 is one process's file.)
 */
class StoppedSessionTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("org.wsusremediator.store.TestDatabases#postgres")
    void aSessionStoppedInsideATransactionLosesItsLocksAndTheTakeoverGoesOn(TestDatabases.Target target) throws Exception {
        TestDatabases.Db db = target.create(dir, cleanups);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Store stopped = db.open(); Store other = db.open()) {
            stopped.savePlan(new Plan("p-s", "alice", now, now.plus(1, ChronoUnit.DAYS), "inv.yaml",
                    List.of(new PlannedHost("WSUS01", Action.INSTALL_KB, "SP1", "f1", true))));
            stopped.runs().start("run-a", "p-s", "window sat", "remediator", null, Duration.ofMillis(200), 0, Map.of());
            // The stopped process had its run's row locked (a fence in progress) when it stopped: it sends nothing more.
            Connection held = stopped.connect();
            cleanups.add(0, () -> {
                try {
                    held.close();
                } catch (SQLException alreadyEnded) {
                    // PostgreSQL ended the session
                }
            });
            held.setAutoCommit(false);
            try (PreparedStatement ps = held.prepareStatement("SELECT id FROM runs WHERE id = 'run-a' FOR UPDATE")) {
                ps.executeQuery().close();
            }
            long started = System.nanoTime();
            CompletableFuture<RunRecord> takeover = CompletableFuture.supplyAsync(() -> other.runs().start("run-b", "p-s",
                    "window sat", "remediator", null, Duration.ofSeconds(30), 0, Map.of()));
            RunRecord b;
            try {
                b = takeover.get(Store.IDLE_IN_TRANSACTION.toSeconds() + 15, TimeUnit.SECONDS);
            } finally {
                held.close(); // (a no-op once PostgreSQL ended the session) lets a blocked takeover end before the stores close
            }
            assertThat(b.status()).isEqualTo("RUNNING");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the takeover waited for the idle session's end")
                    .isGreaterThanOrEqualTo(Store.IDLE_IN_TRANSACTION.minusSeconds(1));
            assertThat(other.runs().ofPlan("p-s")).extracting(RunRecord::status).containsExactly("INTERRUPTED", "RUNNING");
            // Resumed, the stopped process finds its session gone: nothing it does in that transaction lands.
            assertThatThrownBy(() -> {
                try (PreparedStatement ps = held.prepareStatement("UPDATE runs SET heartbeat_at = now() WHERE id = 'run-a'")) {
                    ps.executeUpdate();
                }
                held.commit();
            }).isInstanceOf(SQLException.class);
        }
    }
}
