package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.PlanStatement;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovedSettings;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.plan.SigningKey;
import org.wsusremediator.classify.Action;

/**
 * What {@code approve --server … --sign-with} signs: only a statement the CLI re-makes itself from what was asked and
 * the plan content it was shown. A server (or anything between) offering a statement of other hosts, another plan or
 * other words gets nothing signed.
 */
class RemoteSignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path key;
    private SigningKey publicKey;
    private Plan plan;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void keyAndPlan() {
        key = dir.resolve("bob.pem");
        publicKey = SigningKey.parse(AdminSigner.generate(key));
        ApprovedSettings settings = new ApprovedSettings("10.0.0.5", 5985, "http", "UPGRADE", "x64", "\\\\fs\\kb.exe",
                "6f8c6f26379e01ca1962bc51d162fe375830d78a5f23d19177cea8803d8c7029", "/q", false, null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        plan = new Plan("plan-1a2b3c4d", "alice", now, now.plusSeconds(3600), "inventory.yaml", List.of(
                new PlannedHost("a", Action.INSTALL_KB, "needs the fix", "f".repeat(64), true, settings),
                new PlannedHost("b", Action.INSTALL_KB, "needs the fix", "e".repeat(64), true, settings)));
    }

    /** What an honest server answers for this decision. */
    private ObjectNode offer(Plan about, List<String> hosts, String reason) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ObjectNode o = JSON.createObjectNode();
        o.put("plan", about.id());
        o.put("admin", "bob");
        o.put("decision", "APPROVE");
        o.set("hosts", JSON.valueToTree(hosts));
        o.put("reason", reason);
        o.put("at", at.toString());
        o.put("plan_statement", PlanStatement.of(about));
        o.put("statement", SignedStatement.of(new Approval(about.id(), "bob", Decision.APPROVE, hosts, reason, at), about));
        return o;
    }

    private RemoteSignature.Signed sign(ObjectNode offered, List<String> hosts, String reason) {
        return RemoteSignature.sign(offered, key, "plan-1a2b3c4d", Decision.APPROVE, hosts, reason, new PrintWriter(err, true));
    }

    @Test
    void theDecisionAskedForIsSignedAndWhatIsSignedIsShown() {
        ObjectNode offered = offer(plan, List.of("a"), "CHG-7");
        RemoteSignature.Signed signed = sign(offered, List.of("a"), "CHG-7");
        assertThat(publicKey.verifies(offered.get("statement").asText(), signed.value())).isTrue();
        assertThat(signed.at()).isEqualTo(offered.get("at").asText());
        assertThat(err.toString()).contains("signing as bob: approve plan plan-1a2b3c4d (requested by alice")
                .containsPattern("a\\s+INSTALL_KB\\s+facts ffffffffffffffff… {2}http://10\\.0\\.0\\.5:5985  package .*kb\\.exe sha256 6f8c6f26379e01ca…  arguments \"/q\"")
                .doesNotContain("  b ");
    }

    @Test
    void aStatementOfOtherHostsAnotherPlanOrOtherWordsIsNotSigned() {
        // the server widens the hosts: the statement says all hosts, the admin asked for a
        assertNotSigned(offer(plan, List.of(), "CHG-7"), List.of("a"), "CHG-7", "is not the statement of approving a");
        // another plan's content, under the asked id
        Plan other = new Plan("plan-99999999", plan.requester(), plan.createdAt(), plan.expiresAt(), plan.inventory(), plan.hosts());
        ObjectNode elsewhere = offer(other, List.of("a"), "CHG-7");
        assertNotSigned(elsewhere, List.of("a"), "CHG-7", "its plan content is about plan 'plan-99999999'");
        // the plan content shown is not the one the statement names (its digest differs)
        ObjectNode swapped = offer(plan, List.of("a"), "CHG-7");
        swapped.put("plan_statement", PlanStatement.of(new Plan(plan.id(), plan.requester(), plan.createdAt(),
                plan.expiresAt().plusSeconds(86400), plan.inventory(), plan.hosts())));
        assertNotSigned(swapped, List.of("a"), "CHG-7", "is not the statement of approving a");
        // another reason
        assertNotSigned(offer(plan, List.of("a"), "CHG-7 and more"), List.of("a"), "CHG-7", "is not the statement");
        // a host the plan does not have
        assertNotSigned(offer(plan, List.of("zz"), "CHG-7"), List.of("zz"), "CHG-7", "has no host 'zz'");
        assertThat(err.toString()).as("nothing shown as signed").isEmpty();
    }

    private void assertNotSigned(ObjectNode offered, List<String> hosts, String reason, String why) {
        assertThatThrownBy(() -> sign(offered, hosts, reason)).isInstanceOf(Refused.class)
                .hasMessageContaining("not the decision you asked for").hasMessageContaining(why)
                .hasMessageContaining("nothing was signed or sent");
    }
}
