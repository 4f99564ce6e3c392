package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.apply.ApplyFleet;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.Identity;
import org.wsusremediator.consent.OsUser;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/**
 * Issue 12's signed mode through the real command line, a real H2 store and a real simulated fleet (127.67.30.x):
 * bob has a signingKey in the run's admin file. His signed approval counts and installs; an approval in his name
 * that someone holding the server key recorded (unsigned, or with a signature of other words) is sealed but does
 * not count, and nothing installs; a key file that is not his, or that others can read, is refused; the private key
 * never appears in any output.
 */
class SignedDecisionTest {

    @TempDir
    Path dir;

    private FleetSimulator simulator;
    private String[] store;
    private Path fleet;
    private String db;
    private Path bobKey;
    private String bobKeyPem;
    private final StringBuilder allOutput = new StringBuilder();

    @BeforeEach
    void fleet() throws Exception {
        fleet = dir.resolve("fleet");
        new ApplyFleet("127.67.30").sp1("s1", "east", null).sp1("s2", "west", null).write(fleet);
        simulator = FleetSimulator.start(FleetFile.load(fleet.resolve("fleet.yaml")),
                Map.of("WSUS_LAB_PASSWORD", CliTest.LAB_PASSWORD));
        bobKey = dir.resolve("bob.pem");
        CliTest.Run keygen = run("admin", "keygen", "--out", bobKey.toString());
        assertThat(keygen.exitCode()).as(keygen.all()).isZero();
        Matcher publicKey = Pattern.compile("signingKey: \"([A-Za-z0-9+/=]+)\"").matcher(keygen.out());
        assertThat(publicKey.find()).as(keygen.all()).isTrue();
        bobKeyPem = Files.readString(bobKey);
        assertThat(Files.getPosixFilePermissions(bobKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path admins = dir.resolve("admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester, approver], osUsers: [%s] }
                  - { name: bob, roles: [approver], osUsers: [bob], tokenHash: "%s", signingKey: "%s" }
                """.formatted(OsUser.current(), TestFleets.BOB_TOKEN_HASH, publicKey.group(1)));
        db = Store.defaultH2Url(dir.resolve("data"));
        store = new String[] {"--db", db, "--admins", admins.toString()};
    }

    @AfterEach
    void stop() {
        StoreOptions.environment = System::getenv;
        simulator.close();
        // The private key's body never appears in anything the commands printed.
        String body = bobKeyPem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").strip();
        assertThat(body).isNotBlank();
        assertThat(allOutput.toString()).doesNotContain(body);
        assertThat(allOutput.toString()).doesNotContain(body.substring(16, 48));
    }

    private CliTest.Run run(String... args) {
        CliTest.Run run = CliTest.run(args);
        allOutput.append(run.all());
        return run;
    }

    private CliTest.Run withStore(String... args) {
        return run(TestFleets.concat(args, store));
    }

    private String plan() {
        CliTest.Run plan = withStore("plan", fleet.resolve("inventory.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString());
        Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
        assertThat(id.find()).as(plan.all()).isTrue();
        return id.group(1);
    }

    private CliTest.Run asBob(String... args) {
        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;
        try {
            return withStore(args);
        } finally {
            StoreOptions.environment = System::getenv;
        }
    }

    private CliTest.Run applyNow(String planId) {
        return withStore("apply", planId, "--now", "--windows", fleet.resolve("windows.yaml").toString(),
                "--report-dir", dir.resolve("reports").toString());
    }

    private List<AuditRecord> audit() {
        try (Store s = Store.open(db, "sa", "")) {
            return s.auditRecords();
        }
    }

    private void nothingInstalled() {
        assertThat(simulator.host("s1").installerRuns()).isEmpty();
        assertThat(simulator.host("s2").installerRuns()).isEmpty();
    }

    @Test
    void aSignedApprovalCountsAndInstalls() {
        String planId = plan();
        CliTest.Run approve = asBob("approve", planId, "--reason", "CHG-7", "--sign-with", bobKey.toString());
        assertThat(approve.exitCode()).as(approve.all()).isZero();
        assertThat(approve.out()).contains("bob approved all hosts", "hosts approved to act on now: s1, s2");
        assertThat(audit()).filteredOn(r -> r.action().equals("PLAN_APPROVED")).singleElement()
                .satisfies(r -> assertThat(r.details()).contains("\"signature\":\""));

        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(simulator.host("s1").installerRuns()).hasSize(1);
        assertThat(simulator.host("s2").installerRuns()).hasSize(1);
        CliTest.Run verify = withStore("audit", "verify");
        assertThat(verify.exitCode()).as(verify.all()).isZero();
    }

    @Test
    void anUnsignedApprovalOfASigningAdminIsRefusedAndAForgedOneDoesNotCount() {
        String planId = plan();
        CliTest.Run approve = asBob("approve", planId, "--reason", "CHG-7");
        assertThat(approve.exitCode()).as(approve.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(approve.err()).contains("bob signs their approvals", "--sign-with");
        assertThat(audit()).extracting(AuditRecord::action).contains("DECISION_REFUSED").doesNotContain("PLAN_APPROVED");

        // Whoever holds the server key (the server's operator) records one in bob's name, without his private key.
        try (Store s = Store.open(db, "sa", "")) {
            s.recordApproval(new Approval(planId, "bob", Decision.APPROVE, List.of(), "CHG-7", Instant.now()),
                    Identity.token(TestFleets.BOB_TOKEN_HASH));
        }

        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(apply.err()).contains("no host of plan " + planId + " is approved")
                .contains("is not signed, and the run's admin directory gives bob a signingKey");
        assertThat(audit()).filteredOn(r -> r.action().equals("APPLY_REFUSED")).singleElement()
                .satisfies(r -> assertThat(r.details()).contains("is not signed"));
        nothingInstalled();
    }

    @Test
    void aSignatureOfOtherWordsResealedWithTheServerKeyDoesNotCount() {
        String planId = plan();
        // The operator holds a signature bob made of a decision with another reason, and records the decision with
        // the reason edited, sealed with the server key: the seal verifies, bob's signature does not.
        try (Store s = Store.open(db, "sa", "")) {
            Plan plan = s.plan(planId).orElseThrow();
            Instant at = Instant.now();
            String signature = AdminSigner.load(bobKey).sign(SignedStatement.of(
                    new Approval(planId, "bob", Decision.APPROVE, List.of("s1"), "CHG-7 s1 only", at), plan));
            s.recordApproval(new Approval(planId, "bob", Decision.APPROVE, List.of(), "CHG-7 s1 only", at),
                    Identity.token(TestFleets.BOB_TOKEN_HASH), signature);
            assertThat(s.consent(plan, null).verified()).as("sealed: the seals alone verify").isTrue();
        }

        CliTest.Run apply = applyNow(planId);
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(apply.err()).contains("its signature does not verify with bob's signingKey in the run's admin directory");
        CliTest.Run status = withStore("status", "--windows", fleet.resolve("windows.yaml").toString());
        assertThat(status.out()).contains("not counted: decision 1 (bob approved all hosts")
                .contains("signature does not verify");
        nothingInstalled();
    }

    @Test
    void aKeyFileThatIsNotBobsOrThatOthersCanReadIsRefused() throws Exception {
        String planId = plan();
        Path other = dir.resolve("other.pem");
        assertThat(run("admin", "keygen", "--out", other.toString()).exitCode()).isZero();
        CliTest.Run wrongKey = asBob("approve", planId, "--reason", "CHG-7", "--sign-with", other.toString());
        assertThat(wrongKey.exitCode()).as(wrongKey.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrongKey.err()).contains("the signature does not verify with bob's signingKey in the admin file");
        assertThat(audit()).filteredOn(r -> r.action().equals("DECISION_REFUSED")).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("bob"));

        Files.setPosixFilePermissions(bobKey, PosixFilePermissions.fromString("rw-r--r--"));
        CliTest.Run readable = asBob("approve", planId, "--reason", "CHG-7", "--sign-with", bobKey.toString());
        assertThat(readable.exitCode()).as(readable.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(readable.err()).contains("the signing key " + bobKey + " is readable or writable by group or others");

        CliTest.Run noOverwrite = run("admin", "keygen", "--out", bobKey.toString());
        assertThat(noOverwrite.exitCode()).as(noOverwrite.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(bobKey)).isEqualTo(bobKeyPem);
        assertThat(audit()).extracting(AuditRecord::action).doesNotContain("PLAN_APPROVED");
        nothingInstalled();
    }

    @Test
    void aMalformedSigningKeyIsALocatedProblem() throws Exception {
        Path admins = dir.resolve("bad-admins.yaml");
        Files.writeString(admins, """
                admins:
                  - { name: alice, roles: [requester], osUsers: [%s] }
                  - { name: bob, roles: [approver], signingKey: "not-a-key!" }
                """.formatted(OsUser.current()));
        CliTest.Run status = run("status", "--db", db, "--admins", admins.toString());
        assertThat(status.exitCode()).as(status.all()).isNotZero();
        assertThat(status.err()).contains(admins + ": admins[1].signingKey: not base64");
    }
}
