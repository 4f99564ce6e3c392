package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.apply.ApplyFleet;
import org.wsusremediator.consent.OsUser;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/**
 * Issue 12's identity forgeries through the real command line, a real H2 store and a real simulated fleet
 * (127.67.20.x): the JVM property user.name, and an admin file of one's own choosing. Each is refused and audited,
 * and the simulator shows that nothing was installed. The honest path (another admin's token) still installs.
 */
class ForgedIdentityTest {

    @TempDir
    Path dir;

    private FleetSimulator simulator;
    private String realUser;
    private String[] store;
    private Path fleet;
    private String db;

    @BeforeEach
    void fleet() throws Exception {
        realUser = OsUser.current();
        fleet = dir.resolve("fleet");
        new ApplyFleet("127.67.20").sp1("f1", "east", null).sp1("f2", "west", null).write(fleet);
        simulator = FleetSimulator.start(FleetFile.load(fleet.resolve("fleet.yaml")),
                Map.of("WSUS_LAB_PASSWORD", CliTest.LAB_PASSWORD));
        // The run's own admin file: alice (this OS user) requests and approves (others' plans), bob (OS user bob, or
        // his token) approves.
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester, approver], osUsers: [%s] }
                  - { name: bob, roles: [approver], osUsers: [bob], tokenHash: "%s" }
                """.formatted(realUser, TestFleets.BOB_TOKEN_HASH));
        db = Store.defaultH2Url(dir.resolve("data"));
        store = new String[] {"--db", db, "--admins", admins.toString()};
    }

    @AfterEach
    void stop() {
        StoreOptions.environment = System::getenv;
        System.setProperty("user.name", realUser);
        simulator.close();
    }

    private String plan() {
        CliTest.Run plan = CliTest.run(TestFleets.concat(new String[] {"plan", fleet.resolve("inventory.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString()}, store));
        Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
        assertThat(id.find()).as(plan.all()).isTrue();
        return id.group(1);
    }

    private CliTest.Run applyNow(String planId) {
        return CliTest.run(TestFleets.concat(new String[] {"apply", planId, "--now", "--windows",
                fleet.resolve("windows.yaml").toString(), "--report-dir", dir.resolve("reports").toString()}, store));
    }

    private java.util.List<AuditRecord> audit() {
        try (Store s = Store.open(db, "sa", "")) {
            return s.auditRecords();
        }
    }

    private void nothingInstalled() {
        assertThat(simulator.host("f1").installerRuns()).isEmpty();
        assertThat(simulator.host("f2").installerRuns()).isEmpty();
    }

    @Test
    void theJvmPropertyUserNameDoesNotMakeAnyoneBob() {
        String planId = plan();

        System.setProperty("user.name", "bob"); // REMEDIATOR_JAVA_OPTS=-Duser.name=bob
        CliTest.Run approve = CliTest.run(TestFleets.concat(new String[] {"approve", planId, "--reason", "as bob"}, store));
        System.setProperty("user.name", realUser);

        assertThat(approve.exitCode()).as(approve.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(approve.err()).contains("two-person rule: alice requested plan " + planId);
        assertThat(approve.out()).doesNotContain("bob approved");
        assertThat(audit()).filteredOn(r -> r.action().equals("DECISION_REFUSED")).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("alice"));
        assertThat(audit()).extracting(AuditRecord::action).doesNotContain("PLAN_APPROVED");

        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(apply.err()).contains("no host of plan " + planId + " is approved");
        assertThat(audit()).extracting(AuditRecord::action).contains("APPLY_REFUSED");
        nothingInstalled();
    }

    @Test
    void anAdminFileOfOnesOwnDoesNotMakeAnApprovalTheRunCounts() throws Exception {
        String planId = plan();
        // alice's own file maps her OS user to bob, an approver. It is hers, 0644: the CLI accepts it for the decision.
        Path forged = dir.resolve("forged.yaml");
        Files.writeString(forged, """
                admins:
                  - { name: bob, roles: [approver], osUsers: [%s] }
                """.formatted(realUser));
        CliTest.Run approve = CliTest.run("approve", planId, "--reason", "mine", "--db", db, "--admins", forged.toString());
        assertThat(approve.exitCode()).as(approve.all()).isZero();

        // The run checks the approval against its own admin file: that OS user is alice there, not bob.
        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(apply.err()).contains("no host of plan " + planId + " is approved")
                .contains("made as OS user " + realUser + ", whom the run's admin directory maps to alice, not bob");
        assertThat(audit()).filteredOn(r -> r.action().equals("APPLY_REFUSED")).singleElement()
                .satisfies(r -> assertThat(r.details()).contains("maps to alice, not bob"));
        CliTest.Run status = CliTest.run(TestFleets.concat(new String[] {"status", "--windows",
                fleet.resolve("windows.yaml").toString()}, store));
        assertThat(status.out()).contains("2 need approval, 0 approved")
                .contains("not counted: decision 1 (bob approved all hosts").doesNotContain("REMEDIATED");
        nothingInstalled();
    }

    @Test
    void anAdminFileOthersCanWriteIsRefused() throws Exception {
        String planId = plan();
        Path admins = dir.resolve("admins.yaml");
        Files.setPosixFilePermissions(admins, PosixFilePermissions.fromString("rw-rw-rw-"));
        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;

        CliTest.Run approve = CliTest.run(TestFleets.concat(new String[] {"approve", planId, "--reason", "x"}, store));

        assertThat(approve.exitCode()).as(approve.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(approve.err()).contains("the admin file " + admins + " is writable by group or others");
    }

    @Test
    void anotherAdminsApprovalStillInstalls() {
        String planId = plan();
        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;
        CliTest.Run approve = CliTest.run(TestFleets.concat(new String[] {"approve", planId, "--reason", "CHG-7"}, store));
        assertThat(approve.exitCode()).as(approve.all()).isZero();
        assertThat(approve.out()).contains("bob approved all hosts", "hosts approved to act on now: f1, f2");
        StoreOptions.environment = System::getenv;

        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(simulator.host("f1").installerRuns()).hasSize(1);
        assertThat(simulator.host("f2").installerRuns()).hasSize(1);

        CliTest.Run verify = CliTest.run(TestFleets.concat(new String[] {"audit", "verify"}, store));
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("anchored outside the database up to record");
    }
}
