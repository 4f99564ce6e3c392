package org.wsusremediator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.probe.Architecture;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.probe.MachineIdentity;
import org.wsusremediator.probe.ProbeMethod;
import org.wsusremediator.probe.Version;

/** The rules of consent, each proven by a case that the rule alone refuses. */
class ApprovalRulesTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    final Admin alice = new Admin("alice", java.util.Set.of(Role.REQUESTER, Role.APPROVER), List.of("alice"), null);
    final Admin bob = new Admin("bob", java.util.Set.of(Role.APPROVER), List.of("bob"), null);
    final Admin carol = new Admin("carol", java.util.Set.of(Role.APPROVER), List.of("carol"), null);
    final Admin dave = new Admin("dave", java.util.Set.of(Role.REQUESTER), List.of("dave"), null);

    final Plan plan = new Plan("plan-1", "alice", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)), "lab.yaml", List.of(
            new PlannedHost("wsus1", Action.INSTALL_KB, "below .66", "f1", true),
            new PlannedHost("wsus2", Action.INSTALL_KB, "below .66", "f2", true),
            new PlannedHost("wsus3", Action.COMPLIANT, "fixed", "f3", false)));

    @Test
    void theRequesterCannotApproveTheirOwnPlan() {
        assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.checkMayDecide(plan, alice, List.of(), NOW))
                .isInstanceOf(ApprovalRefused.class).hasMessageContaining("two-person rule");
        ApprovalPolicy noTwoPerson = new ApprovalPolicy(1, false, Duration.ofHours(1));
        noTwoPerson.checkMayDecide(plan, alice, List.of(), NOW);
    }

    @Test
    void anExpiredPlanCannotBeApprovedAndApprovesNothing() {
        Instant later = plan.expiresAt().plusSeconds(1);
        assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.checkMayDecide(plan, bob, List.of(), later))
                .hasMessageContaining("expired");
        Approval approval = new Approval("plan-1", "bob", Decision.APPROVE, List.of(), "ok", NOW);
        assertThat(ApprovalPolicy.DEFAULT.approvedHosts(plan, List.of(approval), later)).isEmpty();
    }

    @Test
    void onlyApproversDecide() {
        assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.checkMayDecide(plan, dave, List.of(), NOW))
                .hasMessageContaining("not an approver");
        assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.checkMayRequest(bob)).hasMessageContaining("not a requester");
    }

    @Test
    void hostsNotInThePlanAreRefused() {
        assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.checkMayDecide(plan, bob, List.of("elsewhere"), NOW))
                .hasMessageContaining("no host 'elsewhere'");
    }

    @Test
    void approvedHostsNeedEnoughDistinctApproversAndNoRejection() {
        ApprovalPolicy two = new ApprovalPolicy(2, true, Duration.ofHours(1));
        Approval bobAll = new Approval("plan-1", "bob", Decision.APPROVE, List.of(), "ok", NOW);
        Approval bobAgain = new Approval("plan-1", "BOB", Decision.APPROVE, List.of("wsus1"), "again", NOW);
        Approval carolOne = new Approval("plan-1", "carol", Decision.APPROVE, List.of("wsus1", "wsus2"), "ok", NOW);
        Approval carolRejects = new Approval("plan-1", "carol", Decision.REJECT, List.of("wsus2"), "not now", NOW);
        Approval aliceOwn = new Approval("plan-1", "alice", Decision.APPROVE, List.of(), "mine", NOW);

        assertThat(two.approvedHosts(plan, List.of(bobAll, bobAgain), NOW)).as("the same admin twice is one").isEmpty();
        assertThat(two.approvedHosts(plan, List.of(bobAll, aliceOwn), NOW)).as("the requester does not count").isEmpty();
        assertThat(two.approvedHosts(plan, List.of(bobAll, carolOne), NOW)).containsExactly("wsus1", "wsus2");
        assertThat(two.approvedHosts(plan, List.of(bobAll, carolOne, carolRejects), NOW)).containsExactly("wsus1");
        assertThat(ApprovalPolicy.DEFAULT.approvedHosts(plan, List.of(bobAll), NOW))
                .as("hosts without an action are never approved for acting").doesNotContain("wsus3");
    }

    @Test
    void identityComesFromTheOsUserOrAPersonalTokenNeverFromAName() throws Exception {
        Path file = dir.resolve("admins.yaml");
        Files.writeString(file, """
                approvals: { required: 1, twoPersonRule: true, planValidityHours: 24 }
                admins:
                  - { name: alice, roles: [requester], osUsers: [alice] }
                  - { name: bob, roles: [approver], tokenHash: "%s" }
                """.formatted(SecretHash.hash("bobs-token")));
        AdminDirectory directory = AdminDirectory.read(file);
        assertThat(directory.identify("alice", null).name()).isEqualTo("alice");
        assertThat(directory.identify("alice", "bobs-token").name()).as("the token wins").isEqualTo("bob");
        assertThatThrownBy(() -> directory.identify("mallory", null)).hasMessageContaining("not mapped");
        assertThatThrownBy(() -> directory.identify("alice", "guess")).hasMessageContaining("matches no configured admin");
        assertThat(directory.policy().planValidity()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anOldUnsaltedTokenHashIsRefusedWithHowToMigrate() throws Exception {
        Path file = dir.resolve("admins.yaml");
        Files.writeString(file, """
                admins:
                  - { name: bob, roles: [approver], tokenSha256: 5ed7b608dd7eca76e9de4c97c4a40bac58a72b9b3136019d7df66aed1654a129 }
                """);
        assertThatThrownBy(() -> AdminDirectory.read(file)).isInstanceOf(ApprovalRefused.class)
                .hasMessageContaining("admins[0].tokenSha256: no longer accepted")
                .hasMessageContaining("remediator admin hash").hasMessageContaining("tokenHash");
    }

    @Test
    void tokensAndPasswordsAreCheckedAgainstSaltedArgon2idHashes() throws Exception {
        String hash = SecretHash.hash("s3cret-token");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("s3cret");
        assertThat(SecretHash.hash("s3cret-token")).as("salted: a new salt each time").isNotEqualTo(hash);
        assertThat(SecretHash.parse(hash).matches("s3cret-token")).isTrue();
        assertThat(SecretHash.parse(hash).matches("s3cret-tokeN")).isFalse();
        assertThat(SecretHash.parse(hash).matches("")).isFalse();
        assertThatThrownBy(() -> SecretHash.parse("$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).hasMessageContaining("too weak");
        Path file = dir.resolve("admins.yaml");
        Files.writeString(file, """
                admins:
                  - { name: bob, roles: [approver], passwordHash: "%s" }
                """.formatted(SecretHash.hash("bobs-password")));
        AdminDirectory directory = AdminDirectory.read(file);
        assertThat(directory.byPassword("BOB", "bobs-password")).map(Admin::name).contains("bob");
        assertThat(directory.byPassword("bob", "wrong")).isEmpty();
        assertThat(directory.byToken("bobs-password")).as("a password is not a token").isEmpty();
        assertThat(directory.admins().get(0).toString()).doesNotContain("argon2");
    }

    @Test
    void aBadAdminFileNamesTheFieldAndNeverHalfLoads() throws Exception {
        Path file = dir.resolve("admins.yaml");
        Files.writeString(file, """
                admins:
                  - { name: alice, roles: [requester], osUsers: [root] }
                  - { name: Alice, roles: [], osUsers: [root], tokenHash: xyz }
                """);
        assertThatThrownBy(() -> AdminDirectory.read(file)).isInstanceOf(ApprovalRefused.class)
                .hasMessageContaining("admins[1].name").hasMessageContaining("admins[1].roles")
                .hasMessageContaining("admins[1].osUsers").hasMessageContaining("admins[1].tokenHash");
        Files.writeString(file, "admins:\n  - { name: a, rolez: [approver] }\n");
        assertThatThrownBy(() -> AdminDirectory.read(file)).hasMessageContaining("rolez");
    }

    @Test
    void theFingerprintFollowsTheDecidingFactsOnly() {
        Facts facts = facts("3.1.6001.65", 3);
        assertThat(Fingerprint.of(facts)).hasSize(64).isEqualTo(Fingerprint.of(facts("3.1.6001.65", 3)));
        assertThat(Fingerprint.of(facts("3.1.6001.66", 3))).as("the DLL changed").isNotEqualTo(Fingerprint.of(facts));
        assertThat(Fingerprint.of(facts("3.1.6001.65", 9))).as("more log signatures decide nothing").isEqualTo(Fingerprint.of(facts));
    }

    /**
     * Issue 8 item 1: two machines built from one image have identical facts; without the machine's identity in
     * the fingerprint, an approval for one covered the other once it answered at the approved address.
     */
    @Test
    void theFingerprintBindsTheApprovalToOneMachine() {
        Facts approved = facts("3.1.6001.65", 0, new MachineIdentity("WSUS01", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        Facts otherMachine = facts("3.1.6001.65", 0, new MachineIdentity("WSUS01", "9a1c4e77-2b1d-4c8e-8f00-5d6e7f8a9b0c"));
        Facts renamed = facts("3.1.6001.65", 0, new MachineIdentity("WSUS02", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        assertThat(Fingerprint.of(otherMachine)).as("another MachineGuid").isNotEqualTo(Fingerprint.of(approved));
        assertThat(Fingerprint.of(renamed)).as("another computer name").isNotEqualTo(Fingerprint.of(approved));
        assertThat(Fingerprint.of(facts("3.1.6001.65", 0, new MachineIdentity("wsus01", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"))))
                .as("case is not identity").isEqualTo(Fingerprint.of(approved));
    }

    static Facts facts(String dll, int signatures) {
        return facts(dll, signatures, new MachineIdentity("WSUS01", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    }

    static Facts facts(String dll, int signatures, MachineIdentity machine) {
        return new Facts(machine, "Microsoft Windows Server 2008 Enterprise", Version.parse("6.0.6001"), Architecture.X64, "2.0", true,
                Version.parse("3.1.6001.65"), 1, "C:\\Program Files\\Update Services\\", false, "C:\\x.dll", Version.parse(dll),
                "C:\\log", signatures, "2008-06-14 02:59:57.642", ProbeMethod.POWERSHELL, null);
    }
}
