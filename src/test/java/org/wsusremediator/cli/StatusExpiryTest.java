package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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

    /** Local mode: the admin file's approvals.notify list; status sends what plan, approve and reject recorded. */
    @Test
    void statusSendsThePlanEventsToTheAdminFilesEndpoints() throws Exception {
        Instant t0 = Instant.now();
        String url = Store.defaultH2Url(dir.resolve("data"));
        try (Store store = Store.open(url, "sa", "")) {
            store.savePlan(new Plan("plan-n", "alice", t0, t0.plus(Duration.ofHours(1)), "inventory/lab.yaml",
                    List.of(new PlannedHost("wsus01", Action.INSTALL_KB, "SP1", "sha256:aa", true))));
            store.recordApproval(new org.wsusremediator.plan.Approval("plan-n", "bob",
                    org.wsusremediator.plan.Decision.APPROVE, List.of(), "CHG-9", t0));
        }
        Path folder = dir.resolve("notifications");
        Path admins = TestFleets.admins(dir);
        Files.writeString(admins, "approvals:\n  notify:\n    - file:" + folder + "\n" + Files.readString(admins));
        String[] status = {"status", "--db", url, "--admins", admins.toString()};

        CliTest.Run run = CliTest.run(status);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Notifications (1 endpoints in approvals.notify): 2 sent, 0 pending, 0 failed");
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                    "plan-event-000000000001-PLAN_PENDING-plan-n.json", "plan-event-000000000002-PLAN_APPROVED-plan-n.json");
        }
        assertThat(CliTest.run(status).out()).as("sent once").contains("2 sent, 0 pending, 0 failed");
    }

    @Test
    void anEndpointThatCouldRunCommandsIsBadInputAndTheMessageHoldsNoUri() throws Exception {
        Path admins = TestFleets.admins(dir);
        Files.writeString(admins, "approvals:\n  notify:\n    - exec:/bin/sh?args=-c%20s3cret\n"
                + "    - https://hooks.example/T0/s3cret\n    - https://hooks.example/T0/s3cret\n"
                + Files.readString(admins));
        CliTest.Run run = CliTest.run("status", "--db", Store.defaultH2Url(dir.resolve("data")), "--admins", admins.toString());
        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("approvals.notify[0]: scheme 'exec' is not one of file, http, https, smtp, smtps",
                "approvals.notify[2]: the same endpoint is listed twice").doesNotContain("s3cret");
    }
}
