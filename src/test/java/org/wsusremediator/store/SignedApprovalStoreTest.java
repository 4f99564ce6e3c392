package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * Admins' signatures through the store on H2 and PostgreSQL (migration V9): a signed approval round-trips and counts
 * for an admin directory that gives its admin a signingKey; an unsigned one, one whose signature is of other words,
 * and one whose stored signature was swapped in the database do not.
 */
class SignedApprovalStoreTest {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    @interface OnEachDatabase {
    }

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private AdminSigner bob;
    private AdminDirectory directory;

    @BeforeEach
    void keys() throws Exception {
        Path key = dir.resolve("bob.pem");
        String publicKey = AdminSigner.generate(key);
        bob = AdminSigner.load(key);
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester], osUsers: [alice-os] }
                  - { name: bob, roles: [approver], osUsers: [bob-os], signingKey: "%s" }
                  - { name: carol, roles: [approver], osUsers: [carol-os] }
                """.formatted(publicKey));
        directory = AdminDirectory.read(admins);
    }

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    private static Plan plan(String id) {
        return new Plan(id, "alice", T0, T0.plus(2, ChronoUnit.DAYS), "inv.yaml", List.of(
                new PlannedHost("WSUS01", Action.INSTALL_KB, "SP1, DLL 3.1.6001.65", "sha256:aa11", true)));
    }

    private static Approval bobApproves(String planId, String reason) {
        return new Approval(planId, "bob", Decision.APPROVE, List.of(), reason, T0.plusSeconds(10));
    }

    @OnEachDatabase
    void aSignedApprovalRoundTripsAndCounts(TestDatabases.Target target) throws SQLException {
        try (Store store = target.create(dir, cleanups).open()) {
            Plan plan = plan("p-signed");
            store.savePlan(plan);
            Approval approval = bobApproves(plan.id(), "CHG-1");
            store.recordApproval(approval, null, bob.sign(SignedStatement.of(approval, plan)));

            Consent consent = store.consent(plan, directory);
            assertThat(consent.problems()).isEmpty();
            assertThat(consent.notCounted()).isEmpty();
            assertThat(consent.counted()).containsExactly(approval);
            assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("PLAN_APPROVED")).singleElement()
                    .satisfies(r -> assertThat(r.details()).contains("\"signature\":"));
        }
    }

    @OnEachDatabase
    void unsignedOrOtherWordsAreSealedButNotCounted(TestDatabases.Target target) throws SQLException {
        try (Store store = target.create(dir, cleanups).open()) {
            Plan unsigned = plan("p-unsigned");
            store.savePlan(unsigned);
            store.recordApproval(bobApproves(unsigned.id(), "CHG-1"), null);
            Consent first = store.consent(unsigned, directory);
            assertThat(first.verified()).isTrue();
            assertThat(first.counted()).isEmpty();
            assertThat(first.notCounted()).singleElement().asString().contains("is not signed");

            Plan reworded = plan("p-reworded");
            store.savePlan(reworded);
            String signature = bob.sign(SignedStatement.of(bobApproves(reworded.id(), "CHG-1 WSUS01 only"), reworded));
            store.recordApproval(bobApproves(reworded.id(), "CHG-1, and all the rest"), null, signature);
            Consent second = store.consent(reworded, directory);
            assertThat(second.verified()).isTrue();
            assertThat(second.counted()).isEmpty();
            assertThat(second.notCounted()).singleElement().asString()
                    .contains("its signature does not verify with bob's signingKey");
        }
    }

    @OnEachDatabase
    void aSignatureSwappedInTheDatabaseBreaksTheSeal(TestDatabases.Target target) throws SQLException {
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open()) {
            Plan plan = plan("p-swapped");
            store.savePlan(plan);
            Approval approval = bobApproves(plan.id(), "CHG-1");
            store.recordApproval(approval, null, bob.sign(SignedStatement.of(approval, plan)));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE approvals SET signature = NULL")).isEqualTo(1);
            }
            Consent consent = store.consent(plan, directory);
            assertThat(consent.verified()).isFalse();
            assertThat(consent.refusal()).contains("does not verify with the server key");
            assertThat(consent.counted()).isEmpty();
        }
    }
}
