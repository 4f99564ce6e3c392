package org.wsusremediator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.consent.AdminSignature;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/**
 * What {@link Decisions} checks of a signature when recording (a real H2 store): the admin's key in the directory,
 * the decision signed, a time near the clock; an unsigned approval of a signing admin is refused, an unsigned
 * rejection is recorded. Each refusal is audited.
 */
class SignedDecisionsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private AdminDirectory directory;
    private AdminSigner bob;
    private Store store;
    private Plan plan;
    private Decisions decisions;

    @BeforeEach
    void setUp() throws Exception {
        String publicKey = AdminSigner.generate(dir.resolve("bob.pem"));
        bob = AdminSigner.load(dir.resolve("bob.pem"));
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester], osUsers: [alice-os] }
                  - { name: bob, roles: [approver], osUsers: [bob-os], signingKey: "%s" }
                  - { name: carol, roles: [approver], osUsers: [carol-os] }
                """.formatted(publicKey));
        directory = AdminDirectory.read(admins);
        store = Store.open(Store.defaultH2Url(dir.resolve("data")), "sa", "");
        plan = new Plan("p-1", "alice", NOW, NOW.plus(1, ChronoUnit.DAYS), "inv.yaml", List.of(
                new PlannedHost("WSUS01", Action.INSTALL_KB, "SP1", "sha256:aa", true)));
        store.savePlan(plan);
        decisions = new Decisions(directory, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    private AdminSignature signedBy(AdminSigner signer, String admin, Instant at, String reason) {
        Approval approval = new Approval(plan.id(), admin, Decision.APPROVE, List.of(), reason, at);
        return new AdminSignature(at, signer.sign(SignedStatement.of(approval, plan)));
    }

    @Test
    void aSignedApprovalIsRecordedAtItsSignedTimeAndCounts() {
        Instant at = NOW.minusSeconds(30);
        Decisions.Outcome outcome = decisions.decide(directory.byName("bob").orElseThrow(), plan.id(), Decision.APPROVE,
                List.of(), "CHG-1", null, signedBy(bob, "bob", at, "CHG-1"));
        assertThat(outcome.approval().at()).isEqualTo(at);
        assertThat(outcome.approvedHosts()).containsExactly("WSUS01");
    }

    @Test
    void whatIsRefusedWhenRecording() {
        var bobAdmin = directory.byName("bob").orElseThrow();
        assertThatThrownBy(() -> decisions.decide(bobAdmin, plan.id(), Decision.APPROVE, List.of(), "CHG-1", null))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("bob signs their approvals");
        assertThatThrownBy(() -> decisions.decide(bobAdmin, plan.id(), Decision.APPROVE, List.of(), "CHG-1", null,
                signedBy(bob, "bob", NOW.minus(10, ChronoUnit.MINUTES), "CHG-1")))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("more than 5 minutes from now");
        assertThatThrownBy(() -> decisions.decide(bobAdmin, plan.id(), Decision.APPROVE, List.of(), "CHG-1 and more",
                null, signedBy(bob, "bob", NOW, "CHG-1")))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("the signature does not verify with bob's");
        var carol = directory.byName("carol").orElseThrow();
        assertThatThrownBy(() -> decisions.decide(carol, plan.id(), Decision.APPROVE, List.of(), "CHG-1", null,
                signedBy(bob, "carol", NOW, "CHG-1")))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("carol has no signingKey");
        assertThat(store.auditRecords()).extracting(AuditRecord::action)
                .containsExactly("PLAN_CREATED", "DECISION_REFUSED", "DECISION_REFUSED", "DECISION_REFUSED",
                        "DECISION_REFUSED");

        // A rejection only ever stops hosts: bob may reject unsigned.
        Decisions.Outcome rejected = decisions.decide(bobAdmin, plan.id(), Decision.REJECT, List.of(), "not now", null);
        assertThat(rejected.approvedHosts()).isEmpty();
        assertThat(store.auditRecords()).extracting(AuditRecord::action).last().isEqualTo("PLAN_REJECTED");
    }
}
