package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.store.Store;

/**
 * The admin workflow through the command line on the lab fleet and a real H2 file: plan as one admin, the
 * requester's own approval refused, approval by another admin, and the audit trail verified, then tampered.
 */
class ApprovalWorkflowTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = System::getenv;
    }

    @Test
    void planApproveByAnotherAdminAndVerifyTheAuditTrail() throws Exception {
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester, approver], osUsers: [%s] }
                  - { name: bob, roles: [approver], tokenHash: "$argon2id$v=19$m=19456,t=2,p=1$2GyBbzojId1sQafx1y7qmQ$7rA44kNR/KQSeWsbVmk1ol3bjjjzosds1tnGo/fD8ZY" }
                """.formatted(System.getProperty("user.name")));
        String db = Store.defaultH2Url(dir.resolve("data"));
        String[] store = {"--db", db, "--admins", admins.toString()};

        CliTest.Run plan = CliTest.run(concat(new String[] {"plan", "inventory/lab.yaml"}, store));
        // The lab has unreachable hosts and hosts that need review: stored in the plan without an action, exit 3.
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
        assertThat(id.find()).as(plan.out()).isTrue();
        assertThat(plan.out()).contains("sp1-2008-x64", "needs approval");

        CliTest.Run self = CliTest.run(concat(new String[] {"approve", id.group(1), "--reason", "mine"}, store));
        assertThat(self.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(self.err()).contains("two-person rule");

        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", "lab-approver-token")::get;
        CliTest.Run approve = CliTest.run(concat(new String[] {"approve", id.group(1), "--host", "sp1-2008-x64", "--reason", "CHG-1"}, store));
        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("bob approved sp1-2008-x64").contains("hosts approved to act on now: sp1-2008-x64");

        CliTest.Run intact = CliTest.run(concat(new String[] {"audit", "verify"}, store));
        assertThat(intact.exitCode()).isZero();
        // PLAN_CREATED, DECISION_REFUSED (alice's own approval), PLAN_APPROVED.
        assertThat(intact.out()).contains("audit trail intact: 3 records");

        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            c.createStatement().executeUpdate("UPDATE audit_log SET details = 'forged' WHERE seq = 1");
        }
        CliTest.Run broken = CliTest.run(concat(new String[] {"audit", "verify"}, store));
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.AUDIT_BROKEN);
        assertThat(broken.out()).contains("record 1");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
