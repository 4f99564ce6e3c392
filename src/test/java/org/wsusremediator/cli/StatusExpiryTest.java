package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/** {@code status} expires what has expired (audited once) and says so, through the real command line and store. */
class StatusExpiryTest {

    @TempDir
    Path dir;

    @AfterEach
    void realClock() {
        StatusCommand.clock = Clock.systemUTC();
    }

    @Test
    void statusShowsAPlanExpiredByItselfAndAuditsItOnce() throws Exception {
        Instant t0 = Instant.now();
        String url = Store.defaultH2Url(dir.resolve("data"));
        try (Store store = Store.open(url, "sa", "")) {
            store.savePlan(new Plan("plan-soon", "alice", t0, t0.plus(Duration.ofMinutes(5)), "inventory/lab.yaml",
                    List.of(new PlannedHost("wsus01", Action.INSTALL_KB, "SP1", "sha256:aa", true))));
        }
        String[] status = {"status", "--db", url, "--admins", TestFleets.admins(dir).toString()};

        StatusCommand.clock = Clock.fixed(t0.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        CliTest.Run before = CliTest.run(status);
        assertThat(before.exitCode()).as(before.all()).isZero();
        assertThat(before.out()).contains("Plans (1: 1 PENDING)", "plan-soon PENDING by alice");

        StatusCommand.clock = Clock.fixed(t0.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        CliTest.Run after = CliTest.run(status);
        assertThat(after.exitCode()).as(after.all()).isZero();
        assertThat(after.out()).contains("Plans (1: 1 EXPIRED)", "plan-soon EXPIRED by alice", "expired at ");
        assertThat(CliTest.run(status).exitCode()).isZero();

        try (Store store = Store.open(url, "sa", "")) {
            assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("PLAN_EXPIRED"))
                    .extracting(AuditRecord::subject).containsExactly("plan plan-soon");
        }
    }
}
