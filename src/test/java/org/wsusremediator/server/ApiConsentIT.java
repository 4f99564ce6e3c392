package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ApiServerScenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API counts decisions as a run does ({@code store.consent(plan, directory)}), through the real server on H2 with
 * its fleet on 127.68.5.x: a decision row inserted into the database voids the plan's consent (shown, and a run is
 * refused 409 {@code consent_refused}, audited), and an approval by an admin the server's admin directory no longer
 * names as approver approves nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiConsentIT {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        ApiServerScenario.start(tempDir, "127.68.5", null, null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    @Order(1)
    void approvalsPendingForMeAreThePlansTheCallerMayDecideNow() throws Exception {
        String plan = newPlan();
        JsonNode forBob = json(call("GET", "/approvals/pending", bearer(ServerFiles.BOB_TOKEN), null));
        assertThat(forBob.get("admin").asText()).isEqualTo("bob");
        JsonNode listed = only(forBob, plan);
        assertThat(hosts(listed)).containsExactly("sp1-a", "sp1-b");
        assertThat(listed.get("irreversible_hosts").toString()).isEqualTo("[\"sp1-a\",\"sp1-b\"]");
        assertThat(listed.get("hosts").get(0).get("irreversible").asBoolean()).isTrue();
        assertThat(json(call("GET", "/approvals/pending", bearer(ServerFiles.ALICE_TOKEN), null)).get("plans"))
                .as("the requester, under the two-person rule").isEmpty();
        assertThat(json(call("GET", "/approvals/pending", bearer(ServerFiles.DAVE_TOKEN), null)).get("plans"))
                .as("a viewer").isEmpty();

        assertThat(call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\",\"hosts\":[\"sp1-a\"]}").statusCode()).isEqualTo(200);
        assertThat(hosts(only(json(call("GET", "/approvals/pending", bearer(ServerFiles.BOB_TOKEN), null)), plan)))
                .containsExactly("sp1-b");
        assertThat(call("POST", "/plans/" + plan + "/reject", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"not this one\",\"hosts\":[\"sp1-b\"]}").statusCode()).isEqualTo(200);
        assertThat(json(call("GET", "/approvals/pending", bearer(ServerFiles.BOB_TOKEN), null)).get("plans"))
                .as("bob decided every host").isEmpty();
    }

    private static JsonNode only(JsonNode pending, String plan) {
        assertThat(pending.get("plans")).as(pending.toString()).hasSize(1);
        assertThat(pending.get("plans").get(0).get("id").asText()).isEqualTo(plan);
        return pending.get("plans").get(0);
    }

    private static List<String> hosts(JsonNode plan) {
        List<String> names = new ArrayList<>();
        plan.get("hosts").forEach(h -> names.add(h.get("host").asText()));
        return names;
    }

    @Test
    @Order(2)
    void theApiShowsApprovedOnlyWhatARunWouldActOn() throws Exception {
        String tampered = newPlan();
        String demoted = newPlan();
        for (String plan : List.of(tampered, demoted)) {
            HttpResponse<String> approved = call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                    "{\"reason\":\"change 4711\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            JsonNode before = json(call("GET", "/plans/" + plan, bearer(ServerFiles.DAVE_TOKEN), null));
            assertThat(before.get("status").asText()).isEqualTo("approved");
            before.get("hosts").forEach(h -> assertThat(h.get("approved").asBoolean()).as(h.toString()).isTrue());
        }

        ServerRestart.stop();
        // Someone with write access to the database adds a decision; the admin file no longer makes bob an approver.
        try (Connection c = DriverManager.getConnection(ApiServerScenario.storeUrl, "sa", "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO approvals (plan_id, admin, decision, hosts, reason,"
                     + " decided_at) VALUES (?, 'bob', 'APPROVE', '[]', 'inserted', ?)")) {
            ps.setString(1, tampered);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Path admins = ApiServerScenario.dir.resolve("server/admins.yaml");
        Files.writeString(admins, Files.readString(admins).replace("name: bob, roles: [approver]", "name: bob, roles: [viewer]"));
        ServerRestart.launch();

        JsonNode voided = json(call("GET", "/plans/" + tampered, bearer(ServerFiles.DAVE_TOKEN), null));
        voided.get("hosts").forEach(h -> assertThat(h.get("approved").asBoolean()).as(h.toString()).isFalse());
        HttpResponse<String> refused = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + tampered + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(voided.get("status").asText()).isEqualTo("pending");
        assertThat(voided.get("consent").get("verified").asBoolean()).as(voided.toString()).isFalse();
        assertThat(voided.get("consent").get("refusal").asText()).contains("is not sealed");
        assertThat(voided.get("approved_hosts")).isEmpty();
        assertThat(voided.get("can_approve").asBoolean()).isFalse();
        assertThat(json(refused).get("code").asText()).isEqualTo("consent_refused");
        JsonNode audit = json(call("GET", "/audit", bearer(ServerFiles.DAVE_TOKEN), null)).get("records");
        List<String> refusals = new ArrayList<>();
        audit.forEach(r -> {
            if (r.get("action").asText().equals("CONSENT_REFUSED")) {
                refusals.add(r.get("actor").asText() + " " + r.get("subject").asText());
            }
        });
        assertThat(refusals).containsExactly("carol plan " + tampered);

        JsonNode notCounted = json(call("GET", "/plans/" + demoted, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(notCounted.get("consent").get("verified").asBoolean()).isTrue();
        assertThat(notCounted.get("consent").get("not_counted").toString()).contains("is not an approver");
        assertThat(notCounted.get("status").asText()).isEqualTo("pending");
        assertThat(notCounted.get("approved_hosts")).isEmpty();
        notCounted.get("hosts").forEach(h -> assertThat(h.get("approved").asBoolean()).isFalse());
        HttpResponse<String> notApproved = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + demoted + "\"}");
        assertThat(notApproved.statusCode()).as(notApproved.body()).isEqualTo(409);
        assertThat(json(notApproved).get("code").asText()).isEqualTo("not_approved");

        assertThat(json(call("GET", "/plans?status=approved", bearer(ServerFiles.DAVE_TOKEN), null)).get("plans")).isEmpty();
        assertThat(json(call("GET", "/plans?status=pending", bearer(ServerFiles.DAVE_TOKEN), null)).get("plans").toString())
                .contains(tampered, demoted);
        assertThat(json(call("GET", "/approvals/pending", bearer(ServerFiles.BOB_TOKEN), null)).get("plans"))
                .as("bob is no approver any more").isEmpty();
        assertThat(json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs")).isEmpty();
    }

    static String newPlan() throws Exception {
        HttpResponse<String> created = call("POST", "/plans", bearer(ServerFiles.ALICE_TOKEN), "{\"inventory\":\"inventory.yaml\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }
}
