package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ApiServerScenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;

/**
 * Admins' own Ed25519 signatures through the server (issue 12), over real HTTPS to {@code serve} with its store on H2
 * ({@link ApiSignedDecisionIT}, fleet on 127.74.1.x) or PostgreSQL ({@link ApiSignedDecisionPostgresIT}): bob has a
 * {@code signingKey} in the server's admin file. The API hands out the exact statement of a decision; bob's CLI checks it, signs it and sends
 * the signature; the server verifies it before recording and the run verifies it before acting. An unsigned approval
 * of bob's, a signature by another key, one replayed onto other hosts or another plan, and one signed long ago are
 * refused with a stable code and audited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ApiSignedDecisionScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    static Path bobKey;
    static Path otherKey;
    static String subnet;

    /** Starts the scenario's server, then again with bob's signingKey in its admin file. */
    static void startWith(Path tempDir, String subnet, String url, String user, String password) throws Exception {
        ApiSignedDecisionScenario.subnet = subnet;
        ApiServerScenario.start(tempDir, subnet, url, user, password);
        Path keys = Files.createDirectories(tempDir.resolve("keys"));
        bobKey = keys.resolve("bob.pem");
        otherKey = keys.resolve("other.pem");
        String bobPublic = AdminSigner.generate(bobKey);
        AdminSigner.generate(otherKey);
        ServerRestart.stop();
        giveBob(bobPublic);
        ServerRestart.launch();
    }

    private static void giveBob(String signingKey) throws Exception {
        Path admins = ApiServerScenario.dir.resolve("server/admins.yaml");
        String text = Files.readString(admins).replaceAll(", signingKey: \"[^\"]*\"", "");
        ServerFiles.owned(admins, text.replaceFirst("(name: bob, roles: \\[approver\\], tokenHash: \"[^\"]*\")",
                "$1, signingKey: \"" + signingKey + "\""), "rw-------");
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    @Order(1)
    void theStatementIsExactlyTheDecisionOverThePlansContentAndOnlyApproversGetIt() throws Exception {
        String plan = ApiConsentIT.newPlan();
        HttpResponse<String> viewer = call("POST", "/plans/" + plan + "/statement", bearer(ServerFiles.DAVE_TOKEN),
                body("approve", List.of(), "CHG-1", null));
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
        HttpResponse<String> self = call("POST", "/plans/" + plan + "/statement", bearer(ServerFiles.ALICE_TOKEN),
                body("approve", List.of(), "CHG-1", null));
        assertThat(json(self).get("code").asText()).isEqualTo("self_approval");
        HttpResponse<String> noDecision = call("POST", "/plans/" + plan + "/statement", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"CHG-1\"}");
        assertThat(noDecision.statusCode()).as(noDecision.body()).isEqualTo(400);

        JsonNode offered = statement(plan, "approve", List.of("sp1-a"), "CHG-1");
        assertThat(offered.get("admin").asText()).isEqualTo("bob");
        assertThat(offered.get("hosts").toString()).isEqualTo("[\"sp1-a\"]");
        String planStatement = offered.get("plan_statement").asText();
        JsonNode content = JSON.readTree(planStatement);
        assertThat(content.get("id").asText()).isEqualTo(plan);
        assertThat(content.get("expiresAt").asText()).isNotBlank();
        JsonNode host = content.get("hosts").get(0);
        assertThat(host.get("fingerprint").asText()).hasSize(64);
        assertThat(host.get("settings").get("address").asText()).isEqualTo(subnet + ".10");
        assertThat(host.get("settings").get("packageSha256").asText()).isEqualTo(ServerFiles.X64_SHA256);
        assertThat(host.get("settings").has("installerArguments")).isTrue();
        // The statement is what the client can re-make from what it asked and the plan content it was shown.
        assertThat(offered.get("statement").asText()).isEqualTo(SignedStatement.of(new Approval(plan, "bob",
                Decision.APPROVE, List.of("sp1-a"), "CHG-1", Instant.parse(offered.get("at").asText())), planStatement));
        assertThat(audit("PLAN_APPROVED")).as("a statement records nothing").isEmpty();
    }

    @Test
    @Order(2)
    void bobsUnsignedApprovalIsRefusedAndAudited() throws Exception {
        String plan = ApiConsentIT.newPlan();
        HttpResponse<String> unsigned = call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                body(null, List.of(), "CHG-2", null));
        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(403);
        assertThat(json(unsigned).get("code").asText()).isEqualTo("signature_required");
        assertThat(refusals(plan)).singleElement().asString().contains("bob signs their approvals");
        assertThat(json(call("GET", "/plans/" + plan, bearer(ServerFiles.DAVE_TOKEN), null)).get("status").asText())
                .isEqualTo("pending");
    }

    @Test
    @Order(3)
    void signaturesByAnotherKeyOrReplayedOntoOtherHostsOrAnotherPlanOrSignedLongAgoAreRefusedAndAudited() throws Exception {
        String plan = ApiConsentIT.newPlan();
        String other = ApiConsentIT.newPlan();

        JsonNode offered = statement(plan, "approve", List.of(), "CHG-3");
        String byOtherKey = AdminSigner.load(otherKey).sign(offered.get("statement").asText());
        assertRefused(plan, List.of(), "CHG-3", offered.get("at").asText(), byOtherKey, 403, "signature_invalid");

        JsonNode forA = statement(plan, "approve", List.of("sp1-a"), "CHG-3");
        String signedA = AdminSigner.load(bobKey).sign(forA.get("statement").asText());
        assertRefused(plan, List.of("sp1-a", "sp1-b"), "CHG-3", forA.get("at").asText(), signedA, 403, "signature_invalid");
        assertRefused(plan, List.of("sp1-a"), "CHG-3 and more", forA.get("at").asText(), signedA, 403, "signature_invalid");
        assertRefused(other, List.of("sp1-a"), "CHG-3", forA.get("at").asText(), signedA, 403, "signature_invalid");

        // bob's own key, the right words, but a time far from now: a signature kept aside and sent later.
        Instant longAgo = Instant.parse(forA.get("at").asText()).minus(Duration.ofMinutes(20));
        String old = AdminSigner.load(bobKey).sign(SignedStatement.of(new Approval(plan, "bob", Decision.APPROVE,
                List.of("sp1-a"), "CHG-3", longAgo), forA.get("plan_statement").asText()));
        assertRefused(plan, List.of("sp1-a"), "CHG-3", longAgo.toString(), old, 409, "signature_stale");

        assertThat(refusals(plan)).hasSize(4).allSatisfy(r -> assertThat(r).contains("sign"));
        assertThat(refusals(other)).hasSize(1);
        for (String p : List.of(plan, other)) {
            JsonNode detail = json(call("GET", "/plans/" + p, bearer(ServerFiles.DAVE_TOKEN), null));
            assertThat(detail.get("status").asText()).as(detail.toString()).isEqualTo("pending");
            assertThat(detail.get("decisions")).as(detail.toString()).isEmpty();
        }

        // the signature over exactly this decision is recorded
        HttpResponse<String> signed = decide(plan, "approve", List.of("sp1-a"), "CHG-3", forA.get("at").asText(), signedA);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(json(signed).get("approved_hosts").toString()).isEqualTo("[\"sp1-a\"]");
        // and cannot be replayed: bob already approved sp1-a
        HttpResponse<String> replayed = decide(plan, "approve", List.of("sp1-a"), "CHG-3", forA.get("at").asText(), signedA);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void bobApprovesWithTheCliSigningWithHisKeyAndTheRunActs() throws Exception {
        String plan = ApiConsentIT.newPlan();
        ServerCliIT.Result wrongKey = ServerCliIT.cli(ServerFiles.BOB_TOKEN, "approve", plan, "--reason", "CHG-4",
                "--sign-with", otherKey.toString());
        assertThat(wrongKey.exit()).as(wrongKey.out()).isEqualTo(5);
        assertThat(wrongKey.out()).contains("the signature does not verify with bob's signingKey");

        ServerCliIT.Result approved = ServerCliIT.cli(ServerFiles.BOB_TOKEN, "approve", plan, "--reason", "CHG-4",
                "--sign-with", bobKey.toString());
        assertThat(approved.exit()).as(approved.out()).isZero();
        assertThat(approved.out()).contains("signing as bob: approve plan " + plan)
                .containsPattern("sp1-a\\s+INSTALL_KB\\s+facts [0-9a-f]{16}.*http://127\\.74\\.\\d+\\.10:55985  package .* sha256 6f8c6f26379e01ca")
                .contains(plan + ": bob approved all hosts", "hosts approved to act on now: sp1-a, sp1-b");
        String pem = Files.readString(bobKey);
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").strip();
        assertThat(approved.out()).doesNotContain(body);
        assertThat(audit("PLAN_APPROVED")).filteredOn(r -> r.get("subject").asText().equals("plan " + plan))
                .singleElement().satisfies(r -> assertThat(r.get("details").asText()).contains("\"signature\":\""));

        ServerCliIT.Result run = ServerCliIT.cli(ServerFiles.CAROL_TOKEN, "apply", plan, "--now");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("sp1-a\\s+REMEDIATED").containsPattern("sp1-b\\s+REMEDIATED");
    }

    @Test
    @Order(5)
    void aSignedApprovalStopsCountingWhenTheServersKeyForBobIsAnotherAndTheRunActsOnNothing() throws Exception {
        String plan = ApiConsentIT.newPlan();
        JsonNode offered = statement(plan, "approve", List.of(), "CHG-5");
        HttpResponse<String> signed = decide(plan, "approve", List.of(), "CHG-5", offered.get("at").asText(),
                AdminSigner.load(bobKey).sign(offered.get("statement").asText()));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);

        // The admin file now gives bob another public key: what bob's key signed no longer verifies, before acting.
        ServerRestart.stop();
        String otherPublic = AdminSigner.generate(ApiServerScenario.dir.resolve("keys/third.pem"));
        giveBob(otherPublic);
        ServerRestart.launch();
        HttpResponse<String> run = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + plan + "\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(409);
        assertThat(json(run).get("code").asText()).isEqualTo("not_approved");
        JsonNode detail = json(call("GET", "/plans/" + plan, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(detail.get("consent").get("not_counted").toString())
                .contains("its signature does not verify with bob's signingKey");
        assertThat(detail.get("approved_hosts")).isEmpty();
        // an unsigned rejection of bob's is recorded: a rejection only ever stops hosts (docs/approvals.md)
        HttpResponse<String> rejected = call("POST", "/plans/" + plan + "/reject", bearer(ServerFiles.BOB_TOKEN),
                body(null, List.of("sp1-b"), "CHG-5 not b", null));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    }

    private static void assertRefused(String plan, List<String> hosts, String reason, String at, String signature,
            int status, String code) throws Exception {
        HttpResponse<String> refused = decide(plan, "approve", hosts, reason, at, signature);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(json(refused).get("code").asText()).as(refused.body()).isEqualTo(code);
    }

    private static HttpResponse<String> decide(String plan, String decision, List<String> hosts, String reason,
            String at, String signature) throws Exception {
        return call("POST", "/plans/" + plan + "/" + decision, bearer(ServerFiles.BOB_TOKEN),
                body(null, hosts, reason, Map.of("at", at, "value", signature)));
    }

    private static JsonNode statement(String plan, String decision, List<String> hosts, String reason) throws Exception {
        JsonNode offered = statement(plan, decision, hosts, reason, ServerFiles.BOB_TOKEN);
        assertThat(offered.has("statement")).as(offered.toString()).isTrue();
        return offered;
    }

    private static JsonNode statement(String plan, String decision, List<String> hosts, String reason, String token)
            throws Exception {
        return json(call("POST", "/plans/" + plan + "/statement", bearer(token), body(decision, hosts, reason, null)));
    }

    private static String body(String decision, List<String> hosts, String reason, Map<String, String> signature)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        if (decision != null) {
            body.put("decision", decision);
        }
        body.put("hosts", hosts);
        body.put("reason", reason);
        if (signature != null) {
            body.put("signature", signature);
        }
        return JSON.writeValueAsString(body);
    }

    private static List<JsonNode> audit(String action) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        json(call("GET", "/audit", bearer(ServerFiles.DAVE_TOKEN), null)).get("records").forEach(r -> {
            if (r.get("action").asText().equals(action)) {
                records.add(r);
            }
        });
        return records;
    }

    /** The DECISION_REFUSED records of {@code plan}: their details. */
    private static List<String> refusals(String plan) throws Exception {
        return audit("DECISION_REFUSED").stream().filter(r -> r.get("subject").asText().equals("plan " + plan))
                .map(r -> r.get("details").asText()).toList();
    }
}
